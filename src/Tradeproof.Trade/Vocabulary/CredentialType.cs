using System.Text.Json;
using Tradeproof.JsonSchema;

namespace Tradeproof.Trade.Vocabulary;

/// <summary>
/// One credential type of the catalogue: its name (the JSON-LD term in <c>type</c>), IRI, description, the test
/// areas it serves, its JSON Schema (2020-12, compiled on first use) and an example credential that satisfies it.
/// Immutable and thread-safe.
/// </summary>
public sealed class CredentialType
{
    private readonly Lazy<CompiledSchema> _schema;
    private readonly Lazy<IReadOnlyList<string>> _requiredProperties;

    internal CredentialType(
        string name,
        string iri,
        string title,
        string description,
        CredentialTypeSource source,
        IReadOnlyList<string> tags,
        IReadOnlyList<TradeTestArea> testAreas,
        JsonElement schemaJson,
        JsonElement example,
        Func<CredentialType, CompiledSchema> compile,
        Func<CredentialType, IReadOnlyList<string>> requiredProperties)
    {
        Name = name;
        Iri = iri;
        Title = title;
        Description = description;
        Source = source;
        Tags = tags;
        TestAreas = testAreas;
        SchemaJson = schemaJson;
        Example = example;
        _schema = new Lazy<CompiledSchema>(() => compile(this));
        _requiredProperties = new Lazy<IReadOnlyList<string>>(() => requiredProperties(this));
    }

    /// <summary>The type's term, as it appears in a credential's <c>type</c> (e.g. <c>MillTestReportCredential</c>).</summary>
    public string Name { get; }

    /// <summary>The IRI the term expands to (e.g. <c>https://w3id.org/traceability#MillTestReportCredential</c>).</summary>
    public string Iri { get; }

    /// <summary>A human-readable title.</summary>
    public string Title { get; }

    /// <summary>What the credential is for.</summary>
    public string Description { get; }

    /// <summary>Where the type is defined.</summary>
    public CredentialTypeSource Source { get; }

    /// <summary>The upstream tags (sectors: <c>Steel</c>, <c>Oil and Gas</c>, <c>Agriculture</c>, <c>eCommerce</c>, ...); empty for our own types.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The CBP test areas the type serves (may be empty for general-purpose types).</summary>
    public IReadOnlyList<TradeTestArea> TestAreas { get; }

    /// <summary>The schema's <c>$id</c>.</summary>
    public string SchemaId => SchemaJson.GetProperty("$id").GetString()!;

    /// <summary>The JSON Schema document as embedded.</summary>
    public JsonElement SchemaJson { get; }

    /// <summary>The compiled schema (compiled once, on first use; <c>$ref</c>s to common classes resolved from the catalogue).</summary>
    public CompiledSchema Schema => _schema.Value;

    /// <summary>An example credential of this type (unsigned) that satisfies the schema.</summary>
    public JsonElement Example { get; }

    /// <summary>
    /// JSON Pointers of the required properties: those of the credential and those of its <c>credentialSubject</c>
    /// (e.g. <c>/issuer</c>, <c>/credentialSubject/heatNumber</c>).
    /// </summary>
    public IReadOnlyList<string> RequiredProperties => _requiredProperties.Value;

    /// <summary>Checks a credential against this type's schema only (whatever its <c>type</c> says).</summary>
    public CredentialValidationResult Validate(JsonElement credential) => CredentialTypeCatalog.ValidateAgainst([this], credential);

    /// <inheritdoc />
    public override string ToString() => Name;
}
