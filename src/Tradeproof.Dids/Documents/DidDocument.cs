using System.Text.Json;

namespace Tradeproof.Dids;

/// <summary>
/// A DID document (DID Core §4-5): the data model, read from and written to JSON
/// (<see cref="Parse(string)"/>, <see cref="ToJson"/>). Members other than those modelled are kept
/// in <see cref="AdditionalProperties"/>.
/// </summary>
public sealed class DidDocument
{
    /// <summary>The DID v1 context.</summary>
    public const string DidContextV1 = "https://www.w3.org/ns/did/v1";

    /// <summary>The DID v1.1 context (the current did:key documents use it).</summary>
    public const string DidContextV11 = "https://www.w3.org/ns/did/v1.1";

    /// <summary>The <c>@context</c> entries (strings or inline context objects), empty when absent.</summary>
    public IReadOnlyList<JsonElement> Context { get; init; } = [];

    /// <summary>The DID subject.</summary>
    public required string Id { get; init; }

    public IReadOnlyList<string> AlsoKnownAs { get; init; } = [];

    /// <summary>Controller DIDs (one or a set in JSON).</summary>
    public IReadOnlyList<string> Controller { get; init; } = [];

    public IReadOnlyList<VerificationMethod> VerificationMethod { get; init; } = [];

    public IReadOnlyList<VerificationRelationshipEntry> Authentication { get; init; } = [];

    public IReadOnlyList<VerificationRelationshipEntry> AssertionMethod { get; init; } = [];

    public IReadOnlyList<VerificationRelationshipEntry> KeyAgreement { get; init; } = [];

    public IReadOnlyList<VerificationRelationshipEntry> CapabilityInvocation { get; init; } = [];

    public IReadOnlyList<VerificationRelationshipEntry> CapabilityDelegation { get; init; } = [];

    public IReadOnlyList<Service> Service { get; init; } = [];

    /// <summary>Other members, kept as read.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// A generated document (did:key, a did:web made for a tenant): the methods, with <paramref name="signing"/> listed
    /// under authentication, assertionMethod, capabilityInvocation and capabilityDelegation, and
    /// <paramref name="agreement"/> under keyAgreement.
    /// </summary>
    internal static DidDocument ForKeys(
        IReadOnlyList<JsonElement> context,
        string id,
        IReadOnlyList<VerificationMethod> methods,
        IReadOnlyList<VerificationRelationshipEntry> signing,
        IReadOnlyList<VerificationRelationshipEntry> agreement) => new()
        {
            Context = context,
            Id = id,
            VerificationMethod = methods,
            Authentication = signing,
            AssertionMethod = signing,
            CapabilityInvocation = signing,
            CapabilityDelegation = signing,
            KeyAgreement = agreement,
        };

    /// <summary>The string entries of <see cref="Context"/>.</summary>
    public IEnumerable<string> ContextUrls =>
        Context.Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!);

    /// <summary>The entries of a relationship by its JSON name (<c>assertionMethod</c>, ...).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a verification relationship.</exception>
    public IReadOnlyList<VerificationRelationshipEntry> Relationship(string name) => name switch
    {
        VerificationRelationships.Authentication => Authentication,
        VerificationRelationships.AssertionMethod => AssertionMethod,
        VerificationRelationships.KeyAgreement => KeyAgreement,
        VerificationRelationships.CapabilityInvocation => CapabilityInvocation,
        VerificationRelationships.CapabilityDelegation => CapabilityDelegation,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a verification relationship."),
    };

    /// <summary>
    /// Finds a verification method by (absolute or relative) id, listed in
    /// <c>verificationMethod</c> or embedded in a relationship.
    /// </summary>
    public VerificationMethod? FindVerificationMethod(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var absolute = Absolute(id);
        foreach (var method in VerificationMethod)
        {
            if (string.Equals(Absolute(method.Id), absolute, StringComparison.Ordinal))
            {
                return method;
            }
        }

        foreach (var name in VerificationRelationships.All)
        {
            foreach (var entry in Relationship(name))
            {
                if (entry.Embedded is not null && string.Equals(Absolute(entry.Embedded.Id), absolute, StringComparison.Ordinal))
                {
                    return entry.Embedded;
                }
            }
        }

        return null;
    }

    /// <summary>True when the method (absolute or relative id) is listed under the relationship.</summary>
    public bool IsAuthorized(string methodId, string relationship)
    {
        var absolute = Absolute(methodId);
        return Relationship(relationship).Any(e => string.Equals(Absolute(e.Id), absolute, StringComparison.Ordinal));
    }

    /// <summary>A relative reference (<c>#key-1</c>) made absolute against the document's id.</summary>
    public string Absolute(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Length > 0 && reference[0] is '#' or '?' or '/' ? Id + reference : reference;
    }

    /// <summary>Reads a DID document from JSON text.</summary>
    /// <exception cref="DidDocumentException">Not JSON, or not the DID Core data model.</exception>
    public static DidDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DidDocumentJson.ReaderOptions);
            return DidDocumentJson.Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new DidDocumentException("A DID document must be JSON: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument checks string contents only when they are read: malformed UTF-8 or an escaped lone surrogate
            // (found by the fuzzer, tests/Tradeproof.Fuzzing.Tests).
            throw new DidDocumentException("A DID document's strings must be valid Unicode: " + e.Message, e);
        }
    }

    /// <summary>Reads a DID document from UTF-8 JSON.</summary>
    /// <exception cref="DidDocumentException">Not JSON, or not the DID Core data model.</exception>
    public static DidDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, DidDocumentJson.ReaderOptions);
            return DidDocumentJson.Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new DidDocumentException("A DID document must be JSON: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument checks string contents only when they are read: malformed UTF-8 or an escaped lone surrogate
            // (found by the fuzzer, tests/Tradeproof.Fuzzing.Tests).
            throw new DidDocumentException("A DID document's strings must be valid Unicode: " + e.Message, e);
        }
    }

    /// <summary>Reads a DID document from a JSON element.</summary>
    /// <exception cref="DidDocumentException">Not the DID Core data model.</exception>
    public static DidDocument FromJson(JsonElement element) => DidDocumentJson.Read(element);

    /// <summary>Writes the document as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer) => DidDocumentJson.Write(writer, this);

    /// <summary>The document as JSON text (indented when asked).</summary>
    public string ToJson(bool indented = false) => DidDocumentJson.ToJson(this, indented);
}
