using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tradeproof.Customs.Registry;

/// <summary>Whether an entry allows or denies.</summary>
public enum TrustEffect
{
    /// <summary>The issuer may issue the listed types.</summary>
    Allow,

    /// <summary>The issuer may not issue the listed types, whatever an allow entry says (a deny wins).</summary>
    Deny,
}

/// <summary>
/// One line of the registry: <paramref name="Issuer"/> may (or may not) issue <paramref name="CredentialTypes"/>
/// (<c>*</c> for every type). <paramref name="Countries"/>, when not empty, limits an allow to issuers located in
/// those countries (the credential's <c>issuer.location.address.addressCountry</c>, when it names one);
/// <paramref name="Roles"/> says what the issuer is (producer, carrier, broker, customs, agency), for people.
/// </summary>
public sealed record TrustEntry(string Issuer, IReadOnlyList<string> CredentialTypes, TrustEffect Effect = TrustEffect.Allow, IReadOnlyList<string>? Countries = null, IReadOnlyList<string>? Roles = null, string? Note = null)
{
    /// <summary>The wildcard credential type.</summary>
    public const string AnyType = "*";

    /// <summary>Whether the entry names the type (or every type).</summary>
    public bool Covers(string type) => CredentialTypes.Contains(AnyType, StringComparer.Ordinal) || CredentialTypes.Contains(type, StringComparer.Ordinal);
}

/// <summary>
/// A mutual recognition arrangement: the AEO certificates <paramref name="PartnerCustoms"/> (a customs authority's DID)
/// issues in <paramref name="Country"/> are accepted as equivalent to <paramref name="RecognisedAs"/> (e.g. CTPAT).
/// </summary>
public sealed record MutualRecognition(string PartnerCustoms, string Country, string Programme, string RecognisedAs = "CTPAT");

/// <summary>The registry's answer for one credential: allowed, or not with the reason.</summary>
public sealed record TrustAnswer(bool Allowed, string Reason)
{
    /// <summary>The registry entry or arrangement that decided, when one did.</summary>
    public string? DecidedBy { get; init; }
}

/// <summary>
/// The trust registry of a customs authority: which issuer DIDs may issue which credential types, and the mutual
/// recognition arrangements, as a versioned JSON document signed by the authority (<see cref="TrustRegistrySigner"/>).
/// Immutable: the editing methods return a new registry with the next version.
/// </summary>
public sealed class TrustRegistry
{
    /// <summary>The JSON <c>type</c> of a registry document.</summary>
    public const string DocumentType = "TradeproofTrustRegistry";

    /// <summary>The AEO certificate type recognised under an arrangement.</summary>
    public const string AeoCertificateType = "AEOCertificateCredential";

    /// <summary>The CTPAT certificate type (CBP's trusted trader programme), recognised under an arrangement with CBP.</summary>
    public const string CtpatCertificateType = "CTPATCertificate";

    /// <summary>The most entries a registry may hold.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Creates a registry.</summary>
    public TrustRegistry(string authority, long version, DateTimeOffset updated, IReadOnlyList<TrustEntry> entries, IReadOnlyList<MutualRecognition>? arrangements = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(authority);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        ArgumentNullException.ThrowIfNull(entries);
        Authority = authority;
        Version = version;
        Updated = updated;
        Entries = entries;
        Arrangements = arrangements ?? [];
    }

    /// <summary>The customs authority's DID (the signer).</summary>
    public string Authority { get; }

    /// <summary>The version: each edit adds one.</summary>
    public long Version { get; }

    /// <summary>When this version was made.</summary>
    public DateTimeOffset Updated { get; }

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<TrustEntry> Entries { get; }

    /// <summary>The mutual recognition arrangements.</summary>
    public IReadOnlyList<MutualRecognition> Arrangements { get; }

    /// <summary>An empty registry of an authority at version 0.</summary>
    public static TrustRegistry Empty(string authority, DateTimeOffset now) => new(authority, 0, now, []);

    /// <summary>The next version with an allow entry (an entry of the same issuer and effect gains the types).</summary>
    public TrustRegistry Allow(string issuer, IReadOnlyList<string> types, DateTimeOffset now, IReadOnlyList<string>? countries = null, IReadOnlyList<string>? roles = null, string? note = null) =>
        With(new TrustEntry(issuer, types, TrustEffect.Allow, countries, roles, note), now);

    /// <summary>The next version with a deny entry: the issuer may no longer issue the types (<c>*</c>: anything).</summary>
    public TrustRegistry Deny(string issuer, IReadOnlyList<string> types, DateTimeOffset now, string? note = null) =>
        With(new TrustEntry(issuer, types, TrustEffect.Deny, null, null, note), now);

    /// <summary>The next version with a mutual recognition arrangement added (or replaced, for the same partner).</summary>
    public TrustRegistry Recognise(MutualRecognition arrangement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(arrangement);
        Validate.Did(arrangement.PartnerCustoms, "partner");
        Validate.Country(arrangement.Country, "country");
        var list = Arrangements.Where(a => a.PartnerCustoms != arrangement.PartnerCustoms).Append(arrangement).ToList();
        return new TrustRegistry(Authority, Version + 1, now, Entries, list);
    }

    /// <summary>The next version without the arrangement with <paramref name="partner"/>.</summary>
    /// <exception cref="TrustRegistryException">There is no arrangement with that partner.</exception>
    public TrustRegistry Unrecognise(string partner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (Arrangements.All(a => a.PartnerCustoms != partner))
        {
            throw new TrustRegistryException($"The registry has no mutual recognition arrangement with {partner}.");
        }

        return new TrustRegistry(Authority, Version + 1, now, Entries, [.. Arrangements.Where(a => a.PartnerCustoms != partner)]);
    }

    /// <summary>The same content as the next version of <paramref name="current"/> (an import keeps the version line).</summary>
    public TrustRegistry AsNextOf(TrustRegistry? current, DateTimeOffset now) =>
        new(current?.Authority ?? Authority, (current?.Version ?? 0) + 1, now, Entries, Arrangements);

    private TrustRegistry With(TrustEntry entry, DateTimeOffset now)
    {
        Validate.Entry(entry, "entry");
        if (Entries.Count >= MaxEntries)
        {
            throw new TrustRegistryException($"A registry holds at most {MaxEntries} entries.");
        }

        var list = Entries.ToList();
        var same = list.FindIndex(e => e.Issuer == entry.Issuer && e.Effect == entry.Effect
            && SameSet(e.Countries, entry.Countries));
        if (same >= 0)
        {
            var merged = list[same].CredentialTypes.Union(entry.CredentialTypes, StringComparer.Ordinal).ToList();
            list[same] = list[same] with { CredentialTypes = merged, Roles = entry.Roles ?? list[same].Roles, Note = entry.Note ?? list[same].Note };
        }
        else
        {
            list.Add(entry);
        }

        return new TrustRegistry(Authority, Version + 1, now, list, Arrangements);
    }

    private static bool SameSet(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal));

    /// <summary>
    /// May <paramref name="issuer"/> issue a credential of <paramref name="types"/>? A deny entry covering any type
    /// refuses; an AEO or CTPAT certificate from a partner of an arrangement is allowed; otherwise every type other than
    /// <c>VerifiableCredential</c> needs an allow entry of the issuer (and, when the entry lists countries and
    /// <paramref name="issuerCountry"/> is known, that country among them).
    /// </summary>
    public TrustAnswer Evaluate(string issuer, IReadOnlyList<string> types, string? issuerCountry = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(types);
        var relevant = types.Where(t => t != "VerifiableCredential").ToList();
        var version = Version.ToString(CultureInfo.InvariantCulture);
        foreach (var entry in Entries.Where(e => e.Effect == TrustEffect.Deny && e.Issuer == issuer))
        {
            var hit = relevant.FirstOrDefault(entry.Covers) ?? (entry.Covers(TrustEntry.AnyType) ? "any type" : null);
            if (hit is not null)
            {
                return new TrustAnswer(false, $"The trust registry (version {version}) denies {issuer} issuing {hit}{(entry.Note is null ? "" : ": " + entry.Note)}.") { DecidedBy = "deny:" + issuer };
            }
        }

        if (relevant.Count == 0)
        {
            return new TrustAnswer(false, $"The credential of {issuer} names no type the trust registry could allow.");
        }

        if ((relevant.Contains(AeoCertificateType) || relevant.Contains(CtpatCertificateType)) && Arrangements.FirstOrDefault(a => a.PartnerCustoms == issuer) is { } mra)
        {
            var what = relevant.Contains(CtpatCertificateType) ? "CTPAT certificate" : "AEO certificate";
            return new TrustAnswer(true, $"{what} of {issuer} ({mra.Programme}, {mra.Country}) recognised as {mra.RecognisedAs} under a mutual recognition arrangement.") { DecidedBy = "mra:" + issuer };
        }

        foreach (var type in relevant)
        {
            var allowing = Entries.Where(e => e.Effect == TrustEffect.Allow && e.Issuer == issuer && e.Covers(type)).ToList();
            if (allowing.Count == 0)
            {
                return new TrustAnswer(false, $"The trust registry (version {version}) does not allow {issuer} to issue {type}.");
            }

            if (issuerCountry is not null && allowing.All(e => e.Countries is { Count: > 0 } c && !c.Contains(issuerCountry, StringComparer.OrdinalIgnoreCase)))
            {
                return new TrustAnswer(false, $"The trust registry (version {version}) allows {issuer} to issue {type} only for {string.Join(", ", allowing.SelectMany(e => e.Countries!).Distinct())}, not {issuerCountry}.");
            }
        }

        return new TrustAnswer(true, $"The trust registry (version {version}) allows {issuer} to issue {string.Join(", ", relevant)}.") { DecidedBy = "allow:" + issuer };
    }

    /// <summary>The arrangement whose partner is <paramref name="customs"/>, or null.</summary>
    public MutualRecognition? ArrangementOf(string customs) => Arrangements.FirstOrDefault(a => a.PartnerCustoms == customs);

    /// <summary>The registry as JSON without a proof (what is signed).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", DocumentType);
            w.WriteString("authority", Authority);
            w.WriteNumber("version", Version);
            w.WriteString("updated", Updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartArray("entries");
            foreach (var e in Entries)
            {
                w.WriteStartObject();
                w.WriteString("issuer", e.Issuer);
                w.WriteString("effect", e.Effect == TrustEffect.Allow ? "allow" : "deny");
                Strings(w, "credentialTypes", e.CredentialTypes);
                if (e.Countries is { Count: > 0 })
                {
                    Strings(w, "countries", e.Countries);
                }

                if (e.Roles is { Count: > 0 })
                {
                    Strings(w, "roles", e.Roles);
                }

                if (e.Note is not null)
                {
                    w.WriteString("note", e.Note);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("mutualRecognition");
            foreach (var a in Arrangements)
            {
                w.WriteStartObject();
                w.WriteString("partner", a.PartnerCustoms);
                w.WriteString("country", a.Country);
                w.WriteString("programme", a.Programme);
                w.WriteString("recognisedAs", a.RecognisedAs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Reads a registry document (a <c>proof</c> member is ignored here: <see cref="TrustRegistrySigner.VerifyAsync"/> checks it).</summary>
    /// <exception cref="TrustRegistryException">Not a registry document; the message names the member.</exception>
    public static TrustRegistry Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new TrustRegistryException("The trust registry is not JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TrustRegistryException("The trust registry must be a JSON object.");
            }

            if (Text(root, "type", "/type") != DocumentType)
            {
                throw new TrustRegistryException($"/type must be '{DocumentType}'.");
            }

            var authority = Text(root, "authority", "/authority");
            Validate.Did(authority, "/authority");
            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n
                : throw new TrustRegistryException("/version must be a whole number >= 0.");
            var updated = DateTimeOffset.TryParse(Text(root, "updated", "/updated"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var u) ? u
                : throw new TrustRegistryException("/updated must be a date-time.");
            var entries = new List<TrustEntry>();
            var index = 0;
            foreach (var item in Array(root, "entries", "/entries", required: true))
            {
                var at = "/entries/" + index.ToString(CultureInfo.InvariantCulture);
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new TrustRegistryException(at + " must be an object.");
                }

                var effect = Text(item, "effect", at + "/effect") switch
                {
                    "allow" => TrustEffect.Allow,
                    "deny" => TrustEffect.Deny,
                    _ => throw new TrustRegistryException(at + "/effect must be 'allow' or 'deny'."),
                };
                var entry = new TrustEntry(
                    Text(item, "issuer", at + "/issuer"),
                    StringList(item, "credentialTypes", at + "/credentialTypes") ?? throw new TrustRegistryException(at + "/credentialTypes is required."),
                    effect,
                    StringList(item, "countries", at + "/countries"),
                    StringList(item, "roles", at + "/roles"),
                    item.TryGetProperty("note", out var note) ? (note.ValueKind == JsonValueKind.String ? note.GetString() : throw new TrustRegistryException(at + "/note must be a string.")) : null);
                Validate.Entry(entry, at);
                entries.Add(entry);
                if (++index > MaxEntries)
                {
                    throw new TrustRegistryException($"A registry holds at most {MaxEntries} entries.");
                }
            }

            var arrangements = new List<MutualRecognition>();
            index = 0;
            foreach (var item in Array(root, "mutualRecognition", "/mutualRecognition", required: false))
            {
                var at = "/mutualRecognition/" + index.ToString(CultureInfo.InvariantCulture);
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new TrustRegistryException(at + " must be an object.");
                }

                var mra = new MutualRecognition(Text(item, "partner", at + "/partner"), Text(item, "country", at + "/country"), Text(item, "programme", at + "/programme"),
                    item.TryGetProperty("recognisedAs", out _) ? Text(item, "recognisedAs", at + "/recognisedAs") : "CTPAT");
                Validate.Did(mra.PartnerCustoms, at + "/partner");
                Validate.Country(mra.Country, at + "/country");
                arrangements.Add(mra);
                index++;
            }

            return new TrustRegistry(authority, version, updated, entries, arrangements);
        }
    }

    private static string Text(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw new TrustRegistryException(at + " must be a non-empty string.");

    private static IEnumerable<JsonElement> Array(JsonElement e, string name, string at, bool required)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return required ? throw new TrustRegistryException(at + " is required.") : [];
        }

        return v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : throw new TrustRegistryException(at + " must be an array.");
    }

    private static List<string>? StringList(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String || i.GetString()!.Length == 0))
        {
            throw new TrustRegistryException(at + " must be an array of non-empty strings.");
        }

        return [.. v.EnumerateArray().Select(i => i.GetString()!)];
    }
}

/// <summary>Checks on registry values.</summary>
internal static class Validate
{
    public static void Did(string value, string at)
    {
        if (!value.StartsWith("did:", StringComparison.Ordinal) || value.Length > 2048 || value.Any(char.IsWhiteSpace))
        {
            throw new TrustRegistryException($"{at} must be a DID, not '{value}'.");
        }
    }

    public static void Country(string value, string at)
    {
        if (value.Length != 2 || !value.All(char.IsAsciiLetterUpper))
        {
            throw new TrustRegistryException($"{at} must be an ISO 3166 alpha-2 code in capitals, not '{value}'.");
        }
    }

    public static void Entry(TrustEntry entry, string at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Did(entry.Issuer, at + "/issuer");
        if (entry.CredentialTypes.Count == 0 || entry.CredentialTypes.Any(t => t.Length == 0 || t.Any(char.IsWhiteSpace)))
        {
            throw new TrustRegistryException(at + "/credentialTypes must name at least one type (or '*'), without spaces.");
        }

        foreach (var c in entry.Countries ?? [])
        {
            Country(c, at + "/countries");
        }
    }
}

/// <summary>A trust registry document that is not well-formed, or an edit that is not allowed (the message says which).</summary>
public sealed class TrustRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrustRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TrustRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrustRegistryException()
    {
    }
}
