using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Trade.Rules;

/// <summary>
/// The configurable side of the rules: prohibited countries of origin, the USMCA parties, the de minimis
/// policy (value threshold, excluded origins, suspended altogether) and a default cold-chain range for
/// temperature readings that carry none. <see cref="Default"/> is the <c>policy</c> object of the embedded
/// catalogue; <see cref="Parse"/> overlays a policy file on a baseline (members given replace the baseline's).
/// </summary>
public sealed record AdmissibilityPolicy
{
    /// <summary>ISO 3166 alpha-2 countries whose goods are refused.</summary>
    public IReadOnlySet<string> ProhibitedOrigins { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The USMCA parties (US, MX, CA).</summary>
    public IReadOnlySet<string> UsmcaCountries { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "US", "MX", "CA" };

    /// <summary>De minimis (Section 321) value threshold, in <see cref="DeMinimisCurrency"/>.</summary>
    public decimal DeMinimisThreshold { get; init; } = 800m;

    /// <summary>The currency of the threshold; values in another currency are not eligible (they cannot be compared).</summary>
    public string DeMinimisCurrency { get; init; } = "USD";

    /// <summary>Origins excluded from de minimis.</summary>
    public IReadOnlySet<string> DeMinimisExcludedOrigins { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>De minimis suspended for every shipment.</summary>
    public bool DeMinimisSuspended { get; init; }

    /// <summary>Lowest allowed temperature for readings without their own range (null: none).</summary>
    public decimal? ColdChainMinimum { get; init; }

    /// <summary>Highest allowed temperature for readings without their own range (null: none).</summary>
    public decimal? ColdChainMaximum { get; init; }

    /// <summary>The policy of the embedded rule catalogue.</summary>
    public static AdmissibilityPolicy Default => RuleCatalog.Default.Policy;

    /// <summary>Overlays a policy JSON object on <paramref name="baseline"/>; throws <see cref="RuleDataException"/> naming the bad member.</summary>
    public static AdmissibilityPolicy Parse(string json, AdmissibilityPolicy? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return Read(document.RootElement, baseline ?? Default, "");
        }
        catch (JsonException e)
        {
            throw new RuleDataException($"policy is not JSON: {e.Message}", e);
        }
    }

    internal static AdmissibilityPolicy Read(JsonElement element, AdmissibilityPolicy baseline, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RuleDataException($"policy{at} must be a JSON object");
        }

        var policy = baseline;
        foreach (var member in element.EnumerateObject())
        {
            var path = $"{at}/{member.Name}";
            policy = member.Name switch
            {
                "prohibitedOrigins" => policy with { ProhibitedOrigins = Countries(member.Value, path) },
                "usmcaCountries" => policy with { UsmcaCountries = Countries(member.Value, path) },
                "coldChain" => ColdChain(policy, member.Value, path),
                "deMinimis" => DeMinimis(policy, member.Value, path),
                _ => throw new RuleDataException($"policy member {path} is not known (prohibitedOrigins, usmcaCountries, deMinimis, coldChain)"),
            };
        }

        return policy;
    }

    private static AdmissibilityPolicy DeMinimis(AdmissibilityPolicy policy, JsonElement value, string at)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RuleDataException($"policy {at} must be an object");
        }

        foreach (var member in value.EnumerateObject())
        {
            var path = $"{at}/{member.Name}";
            policy = member.Name switch
            {
                "threshold" => policy with { DeMinimisThreshold = Number(member.Value, path) },
                "currency" => policy with { DeMinimisCurrency = member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() is { Length: 3 } c ? c.ToUpperInvariant() : throw new RuleDataException($"policy {path} must be a three-letter currency code") },
                "excludedOrigins" => policy with { DeMinimisExcludedOrigins = Countries(member.Value, path) },
                "suspended" => policy with { DeMinimisSuspended = member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? member.Value.GetBoolean() : throw new RuleDataException($"policy {path} must be true or false") },
                _ => throw new RuleDataException($"policy member {path} is not known (threshold, currency, excludedOrigins, suspended)"),
            };
        }

        return policy;
    }

    private static AdmissibilityPolicy ColdChain(AdmissibilityPolicy policy, JsonElement value, string at)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RuleDataException($"policy {at} must be an object");
        }

        foreach (var member in value.EnumerateObject())
        {
            var path = $"{at}/{member.Name}";
            policy = member.Name switch
            {
                "minimum" => policy with { ColdChainMinimum = member.Value.ValueKind == JsonValueKind.Null ? null : Number(member.Value, path) },
                "maximum" => policy with { ColdChainMaximum = member.Value.ValueKind == JsonValueKind.Null ? null : Number(member.Value, path) },
                _ => throw new RuleDataException($"policy member {path} is not known (minimum, maximum)"),
            };
        }

        return policy;
    }

    private static decimal Number(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : throw new RuleDataException($"policy {path} must be a number");

    private static HashSet<string> Countries(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RuleDataException($"policy {path} must be an array of ISO 3166 alpha-2 country codes");
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: 2 } code || !code.All(char.IsAsciiLetter))
            {
                throw new RuleDataException($"policy {path}/{index.ToString(CultureInfo.InvariantCulture)} must be a two-letter country code");
            }

            set.Add(code.ToUpperInvariant());
            index++;
        }

        return set;
    }
}

/// <summary>A rule catalogue or policy that is not well-formed (the message names the member).</summary>
public sealed class RuleDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RuleDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RuleDataException()
    {
    }
}
