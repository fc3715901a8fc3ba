using System.Text.Json;

namespace Tradeproof.Credentials;

/// <summary>
/// A verifiable credential (VC Data Model 2.0 §4, or 1.1), read over its original UTF-8 JSON: the bytes are kept
/// as given (<see cref="Utf8"/>) and never re-serialised; the properties are views of them. Build one with
/// <see cref="TryParse"/>, which applies the data model's rules and reports every broken one as a problem.
/// </summary>
public sealed class VerifiableCredential
{
    /// <summary>The <c>type</c> every credential has.</summary>
    public const string BaseType = "VerifiableCredential";

    private VerifiableCredential(ReadOnlyMemory<byte> utf8, JsonElement json)
    {
        Utf8 = utf8;
        Json = json;
    }

    /// <summary>The credential exactly as given.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The parsed root (a self-contained element).</summary>
    public JsonElement Json { get; }

    /// <summary>The version, from the first <c>@context</c>.</summary>
    public DataModelVersion Version { get; private init; }

    /// <summary><c>id</c>, when present.</summary>
    public string? Id { get; private init; }

    /// <summary><c>type</c> values (including <c>VerifiableCredential</c>).</summary>
    public IReadOnlyList<string> Types { get; private init; } = [];

    /// <summary>The issuer's id (<c>issuer</c>, or <c>issuer.id</c>).</summary>
    public string Issuer { get; private init; } = "";

    /// <summary>The credential subjects (one or more objects).</summary>
    public IReadOnlyList<JsonElement> CredentialSubjects { get; private init; } = [];

    /// <summary><c>validFrom</c> (2.0) or <c>issuanceDate</c> (1.1).</summary>
    public DateTimeOffset? ValidFrom { get; private init; }

    /// <summary><c>validUntil</c> (2.0) or <c>expirationDate</c> (1.1).</summary>
    public DateTimeOffset? ValidUntil { get; private init; }

    /// <summary><c>credentialStatus</c> entries.</summary>
    public IReadOnlyList<JsonElement> CredentialStatus { get; private init; } = [];

    /// <summary><c>credentialSchema</c> entries.</summary>
    public IReadOnlyList<JsonElement> CredentialSchema { get; private init; } = [];

    /// <summary>True when the credential has an embedded <c>proof</c>.</summary>
    public bool HasProof => Json.TryGetProperty("proof", out _);

    /// <summary>
    /// Parses and validates a credential. Returns false with the problems found (PARSING_ERROR for input that
    /// is not strict JSON, MALFORMED_VALUE_ERROR for each broken data-model rule); never throws on bad input.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, DataModelOptions? options, out VerifiableCredential? credential, out IReadOnlyList<Problem> problems)
    {
        options ??= DataModelOptions.Default;
        credential = null;
        if (!DataModelRules.TryParseStrict(utf8, options, out var root, out var parsingProblem))
        {
            problems = [parsingProblem!];
            return false;
        }

        return TryRead(utf8, root, options, out credential, out problems);
    }

    /// <summary>Validates an already parsed credential (e.g. one embedded in a presentation).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> utf8, JsonElement root, DataModelOptions? options, out VerifiableCredential? credential, out IReadOnlyList<Problem> problems)
    {
        options ??= DataModelOptions.Default;
        credential = null;
        var found = new List<Problem>();
        problems = found;
        if (root.ValueKind != JsonValueKind.Object)
        {
            found.Add(DataModelRules.Malformed("Not a credential", "A credential is a JSON object."));
            return false;
        }

        var version = DataModelRules.Context(root, options, found);
        var types = DataModelRules.Type(root, BaseType, found);
        var id = DataModelRules.Id(root, "id", found);
        var issuer = DataModelRules.Party(root, "issuer", required: true, found);
        var subjects = DataModelRules.Subjects(root, found);
        var (from, until) = version is { } v ? DataModelRules.Validity(root, v, isCredential: true, found) : (null, null);
        var status = DataModelRules.TypedObjects(root, "credentialStatus", requireId: false, found);
        var schema = DataModelRules.TypedObjects(root, "credentialSchema", requireId: true, found);
        DataModelRules.TypedObjects(root, "termsOfUse", requireId: false, found);
        DataModelRules.TypedObjects(root, "evidence", requireId: false, found);
        DataModelRules.TypedObjects(root, "refreshService", requireId: false, found);
        if (found.Count > 0)
        {
            return false;
        }

        credential = new VerifiableCredential(utf8, root.Clone())
        {
            Version = version!.Value,
            Id = id,
            Types = types,
            Issuer = issuer!,
            CredentialSubjects = subjects,
            ValidFrom = from,
            ValidUntil = until,
            CredentialStatus = status,
            CredentialSchema = schema,
        };
        return true;
    }

    /// <summary>Parses and validates; throws when invalid (for trusted input such as an issuer's own documents).</summary>
    /// <exception cref="ArgumentException">The credential breaks a rule; the message lists the problems.</exception>
    public static VerifiableCredential Parse(ReadOnlyMemory<byte> utf8, DataModelOptions? options = null) =>
        TryParse(utf8, options, out var credential, out var problems)
            ? credential!
            : throw new ArgumentException("Not a valid credential: " + string.Join("; ", problems), nameof(utf8));

    /// <summary>
    /// The validity period check (VC DM 2.0 §4.9): RANGE_ERROR problems when <paramref name="now"/> is before
    /// <see cref="ValidFrom"/> or after <see cref="ValidUntil"/>, each widened by <paramref name="clockSkew"/>.
    /// </summary>
    public IReadOnlyList<Problem> CheckValidityPeriod(DateTimeOffset now, TimeSpan clockSkew)
    {
        var problems = new List<Problem>();
        if (ValidFrom is { } from && now + clockSkew < from)
        {
            problems.Add(new Problem(ProblemTypes.RangeError, "Not yet valid", $"valid from {from:O}."));
        }

        if (ValidUntil is { } until && now - clockSkew > until)
        {
            problems.Add(new Problem(ProblemTypes.RangeError, "Expired", $"valid until {until:O}."));
        }

        return problems;
    }
}
