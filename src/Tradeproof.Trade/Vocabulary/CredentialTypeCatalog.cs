using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Tradeproof.JsonSchema;

namespace Tradeproof.Trade.Vocabulary;

/// <summary>
/// The catalogue of trade credential types: the 84 types of the W3C CCG traceability vocabulary (imported by
/// scripts/vocab/import-traceability.py) and Tradeproof's own types (<see cref="TradeContext"/>), each with its
/// schema and example, loaded once from the embedded data. Lookups by type name or IRI; <see cref="Validate(JsonElement)"/>
/// checks a credential against the schema of each catalogued type it declares. Thread-safe.
/// </summary>
public sealed class CredentialTypeCatalog
{
    /// <summary>Largest credential accepted by the text and byte overloads of <c>Validate</c> (1 MiB).</summary>
    public const int MaxCredentialBytes = 1 << 20;

    /// <summary>Deepest JSON nesting accepted by the text and byte overloads of <c>Validate</c>.</summary>
    public const int MaxCredentialDepth = 64;

    private const string VerifiableCredential = "VerifiableCredential";

    private static readonly Lazy<CredentialTypeCatalog> s_default = new(Load);

    private readonly FrozenDictionary<string, CredentialType> _byName;
    private readonly FrozenDictionary<string, CredentialType> _byIri;

    private CredentialTypeCatalog(IReadOnlyList<CredentialType> types)
    {
        Types = types;
        _byName = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _byIri = types.ToFrozenDictionary(t => t.Iri, StringComparer.Ordinal);
    }

    /// <summary>The catalogue of the embedded data (loaded on first use).</summary>
    public static CredentialTypeCatalog Default => s_default.Value;

    /// <summary>Every type: the traceability types first (by upstream file name), then Tradeproof's own.</summary>
    public IReadOnlyList<CredentialType> Types { get; }

    /// <summary>The type whose name (term) or IRI is <paramref name="nameOrIri"/> (ordinal match), or null.</summary>
    public CredentialType? Find(string nameOrIri)
    {
        ArgumentNullException.ThrowIfNull(nameOrIri);
        return _byName.TryGetValue(nameOrIri, out var type) || _byIri.TryGetValue(nameOrIri, out type) ? type : null;
    }

    /// <summary>Looks a type up by name (term) or IRI.</summary>
    public bool TryFind(string nameOrIri, [NotNullWhen(true)] out CredentialType? type)
    {
        type = Find(nameOrIri);
        return type is not null;
    }

    /// <summary>The types serving a test area.</summary>
    public IEnumerable<CredentialType> InTestArea(TradeTestArea area) => Types.Where(t => t.TestAreas.Contains(area));

    /// <summary>
    /// Checks a credential against the schema of every catalogued type its <c>type</c> names
    /// (<c>VerifiableCredential</c> aside). Never throws for bad input: the result says what was found.
    /// </summary>
    public CredentialValidationResult Validate(JsonElement credential)
    {
        if (credential.ValueKind != JsonValueKind.Object)
        {
            return CredentialValidationResult.Failure(CredentialValidationStatus.Unreadable, "a credential is a JSON object, not " + credential.ValueKind.ToString().ToLowerInvariant());
        }

        var declared = DeclaredTypes(credential);
        var matched = declared.Select(Find).OfType<CredentialType>().Distinct().ToList();
        if (matched.Count == 0)
        {
            var named = declared.Where(n => !string.Equals(n, VerifiableCredential, StringComparison.Ordinal)).ToList();
            return CredentialValidationResult.Failure(
                CredentialValidationStatus.UnknownType,
                named.Count == 0 ? "the credential's type names no credential type besides VerifiableCredential" : "no catalogued credential type among: " + string.Join(", ", named));
        }

        return ValidateAgainst(matched, credential);
    }

    /// <summary>Parses <paramref name="credentialJson"/> (at most <see cref="MaxCredentialBytes"/>) and validates it.</summary>
    public CredentialValidationResult Validate(string credentialJson)
    {
        ArgumentNullException.ThrowIfNull(credentialJson);
        return Encoding.UTF8.GetMaxByteCount(credentialJson.Length) > MaxCredentialBytes && Encoding.UTF8.GetByteCount(credentialJson) > MaxCredentialBytes
            ? TooLarge()
            : Validate(Encoding.UTF8.GetBytes(credentialJson));
    }

    /// <summary>Parses UTF-8 JSON (at most <see cref="MaxCredentialBytes"/>) and validates it.</summary>
    public CredentialValidationResult Validate(ReadOnlySpan<byte> utf8Credential)
    {
        if (utf8Credential.Length > MaxCredentialBytes)
        {
            return TooLarge();
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Credential, new JsonReaderOptions { MaxDepth = MaxCredentialDepth });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                return CredentialValidationResult.Failure(CredentialValidationStatus.Unreadable, "not JSON: data after the JSON value");
            }

            return Validate(document.RootElement);
        }
        catch (JsonException e)
        {
            return CredentialValidationResult.Failure(CredentialValidationStatus.Unreadable, "not JSON: " + e.Message);
        }
    }

    internal static CredentialValidationResult ValidateAgainst(IReadOnlyList<CredentialType> types, JsonElement credential)
    {
        var names = types.Select(t => t.Name).ToList();
        var violations = new List<SchemaViolation>();
        var seen = new HashSet<(string, string)>();
        foreach (var type in types)
        {
            ValidationResult result;
            try
            {
                result = type.Schema.Validate(credential);
            }
            catch (JsonSchemaException e)
            {
                return CredentialValidationResult.Failure(CredentialValidationStatus.CouldNotCheck, $"{type.Name}: {e.Message}", names);
            }

            foreach (var error in result.Errors)
            {
                if (seen.Add((error.InstanceLocation, error.Message)))
                {
                    violations.Add(new SchemaViolation(error.InstanceLocation, error.Message, error.KeywordLocation));
                }
            }
        }

        return new CredentialValidationResult(violations.Count == 0 ? CredentialValidationStatus.Valid : CredentialValidationStatus.Invalid, names, violations, null);
    }

    private static CredentialValidationResult TooLarge() =>
        CredentialValidationResult.Failure(CredentialValidationStatus.Unreadable, $"the credential is larger than {MaxCredentialBytes} bytes");

    private static List<string> DeclaredTypes(JsonElement credential)
    {
        if (!credential.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            _ => [],
        };
    }

    private static CredentialTypeCatalog Load() => CatalogLoader.Load(types => new CredentialTypeCatalog(types));
}
