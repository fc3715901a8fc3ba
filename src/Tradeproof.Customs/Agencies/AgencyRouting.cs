using System.Globalization;
using System.Text.Json;
using Tradeproof.Customs.Intake;
using Tradeproof.Customs.Registry;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Customs.Agencies;

/// <summary>
/// A routing rule: presentations whose verified credentials carry an HS code in one of <paramref name="HsChapters"/>
/// (two digits) or a longer prefix, a credential of one of <paramref name="CredentialTypes"/>, or a product whose
/// description contains one of <paramref name="Products"/> go to <paramref name="Agency"/> at
/// <paramref name="Node"/> (the agency tenant's DID). With <paramref name="Hold"/> false the agency only receives a
/// copy (DOE and the oil and gas movement reports); with true the filing waits for its answer.
/// </summary>
public sealed record AgencyRoute(string Agency, string Node, IReadOnlyList<string> HsChapters, IReadOnlyList<string> CredentialTypes, IReadOnlyList<string> Products, bool Hold = true);

/// <summary>A route that matched a filing, and why.</summary>
public sealed record AgencyReferral(string Agency, string Node, bool Hold, string Why);

/// <summary>The routing rules of a customs authority, kept as data (JSON: <c>{"routes": [...]}</c>).</summary>
public sealed class AgencyRoutingRules
{
    /// <summary>Creates the rules.</summary>
    public AgencyRoutingRules(IReadOnlyList<AgencyRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        Routes = routes;
    }

    /// <summary>No routes.</summary>
    public static AgencyRoutingRules None { get; } = new([]);

    /// <summary>The routes, in order.</summary>
    public IReadOnlyList<AgencyRoute> Routes { get; }

    /// <summary>The agencies the verified credentials are routed to (one referral per agency node, the first reason).</summary>
    public IReadOnlyList<AgencyReferral> Route(IEnumerable<ReceivedCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var verified = credentials.Where(c => c.Verified).ToList();
        var hsCodes = verified.SelectMany(c => CredentialFields.HsCodes(c.Json)).Distinct(StringComparer.Ordinal).ToList();
        var types = verified.SelectMany(c => c.Types).ToHashSet(StringComparer.Ordinal);
        var descriptions = verified.SelectMany(c => CredentialFields.Descriptions(c.Json)).ToList();
        var referrals = new List<AgencyReferral>();
        foreach (var route in Routes)
        {
            if (referrals.Any(r => r.Node == route.Node))
            {
                continue;
            }

            var why = route.HsChapters.SelectMany(p => hsCodes.Where(h => h.StartsWith(p, StringComparison.Ordinal)).Select(h => $"HS {h} is in chapter/heading {p}")).FirstOrDefault()
                ?? route.CredentialTypes.Where(types.Contains).Select(t => $"the filing holds a {t}").FirstOrDefault()
                ?? route.Products.Where(p => descriptions.Any(d => d.Contains(p, StringComparison.OrdinalIgnoreCase))).Select(p => $"a product is described as '{p}'").FirstOrDefault();
            if (why is not null)
            {
                referrals.Add(new AgencyReferral(route.Agency, route.Node, route.Hold, why));
            }
        }

        return referrals;
    }

    /// <summary>The route of an agency node, or null (an answer from an agency that has no route is refused).</summary>
    public AgencyRoute? RouteOf(string node) => Routes.FirstOrDefault(r => r.Node == node);

    /// <summary>Reads <c>{"routes": [{"agency", "node", "hsChapters", "credentialTypes", "products", "hold"}]}</c>.</summary>
    /// <exception cref="TrustRegistryException">Not well-formed; the message names the member.</exception>
    public static AgencyRoutingRules Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("routes", out var routes) || routes.ValueKind != JsonValueKind.Array)
            {
                throw new TrustRegistryException("Routing rules are an object with a 'routes' array.");
            }

            var list = new List<AgencyRoute>();
            var i = 0;
            foreach (var r in routes.EnumerateArray())
            {
                var at = "/routes/" + i.ToString(CultureInfo.InvariantCulture);
                if (r.ValueKind != JsonValueKind.Object)
                {
                    throw new TrustRegistryException(at + " must be an object.");
                }

                var route = new AgencyRoute(Text(r, "agency", at), Text(r, "node", at), Strings(r, "hsChapters", at), Strings(r, "credentialTypes", at), Strings(r, "products", at),
                    !r.TryGetProperty("hold", out var hold) || (hold.ValueKind is JsonValueKind.True or JsonValueKind.False ? hold.GetBoolean() : throw new TrustRegistryException(at + "/hold must be true or false.")));
                Validate.Did(route.Node, at + "/node");
                if (route.HsChapters.Any(h => h.Length < 2 || !h.All(char.IsAsciiDigit)))
                {
                    throw new TrustRegistryException(at + "/hsChapters must hold HS prefixes of at least two digits.");
                }

                if (route.HsChapters.Count + route.CredentialTypes.Count + route.Products.Count == 0)
                {
                    throw new TrustRegistryException(at + " matches nothing: give hsChapters, credentialTypes or products.");
                }

                list.Add(route);
                i++;
            }

            return new AgencyRoutingRules(list);
        }
        catch (JsonException e)
        {
            throw new TrustRegistryException("Routing rules are not JSON: " + e.Message, e);
        }
    }

    /// <summary>The rules as JSON.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("routes");
            foreach (var r in Routes)
            {
                w.WriteStartObject();
                w.WriteString("agency", r.Agency);
                w.WriteString("node", r.Node);
                Write(w, "hsChapters", r.HsChapters);
                Write(w, "credentialTypes", r.CredentialTypes);
                Write(w, "products", r.Products);
                w.WriteBoolean("hold", r.Hold);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Text(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw new TrustRegistryException($"{at}/{name} must be a non-empty string.");

    private static List<string> Strings(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length > 0)
            ? [.. v.EnumerateArray().Select(i => i.GetString()!)]
            : throw new TrustRegistryException($"{at}/{name} must be an array of non-empty strings.");
    }
}
