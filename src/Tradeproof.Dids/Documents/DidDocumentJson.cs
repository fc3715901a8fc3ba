using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids;

/// <summary>The JSON representation of DID documents (DID Core §6.2), read and written by hand (AOT-safe).</summary>
internal static class DidDocumentJson
{
    internal static readonly JsonDocumentOptions ReaderOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    private static readonly JsonWriterOptions CompactWriter = new() { Indented = false };
    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true };

    public static DidDocument Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DidDocumentException("A DID document must be a JSON object.");
        }

        string? id = null;
        IReadOnlyList<JsonElement> context = [];
        IReadOnlyList<string> alsoKnownAs = [], controller = [];
        IReadOnlyList<VerificationMethod> methods = [];
        var relationships = new Dictionary<string, IReadOnlyList<VerificationRelationshipEntry>>(StringComparer.Ordinal);
        IReadOnlyList<Service> services = [];
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "@context":
                    context = property.Value.ValueKind == JsonValueKind.Array
                        ? property.Value.EnumerateArray().Select(e => e.Clone()).ToArray()
                        : [property.Value.Clone()];
                    break;
                case "id":
                    id = RequireString(property, "the document");
                    if (!Did.TryParse(id, out _))
                    {
                        throw new DidDocumentException($"The document id '{id}' is not a DID.");
                    }

                    break;
                case "alsoKnownAs":
                    alsoKnownAs = StringSet(property, allowSingle: false);
                    break;
                case "controller":
                    controller = StringSet(property, allowSingle: true);
                    break;
                case "verificationMethod":
                    methods = ObjectArray(property).Select(ReadMethod).ToArray();
                    break;
                case VerificationRelationships.Authentication:
                case VerificationRelationships.AssertionMethod:
                case VerificationRelationships.KeyAgreement:
                case VerificationRelationships.CapabilityInvocation:
                case VerificationRelationships.CapabilityDelegation:
                    relationships[property.Name] = ReadRelationship(property);
                    break;
                case "service":
                    services = ObjectArray(property).Select(ReadService).ToArray();
                    break;
                default:
                    additional[property.Name] = property.Value.Clone();
                    break;
            }
        }

        if (id is null)
        {
            throw new DidDocumentException("A DID document needs 'id'.");
        }

        return new DidDocument
        {
            Context = context,
            Id = id,
            AlsoKnownAs = alsoKnownAs,
            Controller = controller,
            VerificationMethod = methods,
            Authentication = relationships.GetValueOrDefault(VerificationRelationships.Authentication, []),
            AssertionMethod = relationships.GetValueOrDefault(VerificationRelationships.AssertionMethod, []),
            KeyAgreement = relationships.GetValueOrDefault(VerificationRelationships.KeyAgreement, []),
            CapabilityInvocation = relationships.GetValueOrDefault(VerificationRelationships.CapabilityInvocation, []),
            CapabilityDelegation = relationships.GetValueOrDefault(VerificationRelationships.CapabilityDelegation, []),
            Service = services,
            AdditionalProperties = additional,
        };
    }

    public static void Write(Utf8JsonWriter writer, DidDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        writer.WriteStartObject();
        if (document.Context.Count > 0)
        {
            writer.WriteStartArray("@context");
            foreach (var entry in document.Context)
            {
                entry.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("id", document.Id);
        if (document.AlsoKnownAs.Count > 0)
        {
            WriteStrings(writer, "alsoKnownAs", document.AlsoKnownAs);
        }

        if (document.Controller.Count == 1)
        {
            writer.WriteString("controller", document.Controller[0]);
        }
        else if (document.Controller.Count > 1)
        {
            WriteStrings(writer, "controller", document.Controller);
        }

        if (document.VerificationMethod.Count > 0)
        {
            writer.WriteStartArray("verificationMethod");
            foreach (var method in document.VerificationMethod)
            {
                WriteMethod(writer, method);
            }

            writer.WriteEndArray();
        }

        foreach (var name in VerificationRelationships.All)
        {
            var entries = document.Relationship(name);
            if (entries.Count == 0)
            {
                continue;
            }

            writer.WriteStartArray(name);
            foreach (var entry in entries)
            {
                if (entry.Embedded is not null)
                {
                    WriteMethod(writer, entry.Embedded);
                }
                else
                {
                    writer.WriteStringValue(entry.Reference);
                }
            }

            writer.WriteEndArray();
        }

        if (document.Service.Count > 0)
        {
            writer.WriteStartArray("service");
            foreach (var service in document.Service)
            {
                writer.WriteStartObject();
                writer.WriteString("id", service.Id);
                if (service.Type.Count == 1)
                {
                    writer.WriteString("type", service.Type[0]);
                }
                else
                {
                    WriteStrings(writer, "type", service.Type);
                }

                writer.WritePropertyName("serviceEndpoint");
                service.ServiceEndpoint.WriteTo(writer);
                WriteAdditional(writer, service.AdditionalProperties);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteAdditional(writer, document.AdditionalProperties);
        writer.WriteEndObject();
    }

    public static string ToJson(DidDocument document, bool indented)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedWriter : CompactWriter))
        {
            Write(writer, document);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteMethod(Utf8JsonWriter writer, VerificationMethod method)
    {
        writer.WriteStartObject();
        writer.WriteString("id", method.Id);
        writer.WriteString("type", method.Type);
        writer.WriteString("controller", method.Controller);
        if (method.PublicKeyMultibase is not null)
        {
            writer.WriteString("publicKeyMultibase", method.PublicKeyMultibase);
        }

        if (method.PublicKeyJwk is not null)
        {
            writer.WritePropertyName("publicKeyJwk");
            method.PublicKeyJwk.WriteTo(writer, includePrivate: false);
        }

        if (method.PublicKeyBase58 is not null)
        {
            writer.WriteString("publicKeyBase58", method.PublicKeyBase58);
        }

        WriteAdditional(writer, method.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static VerificationMethod ReadMethod(JsonElement element)
    {
        string? id = null, type = null, controller = null, multibase = null, base58 = null;
        Jwk? jwk = null;
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id": id = RequireString(property, "a verification method"); break;
                case "type": type = RequireString(property, "a verification method"); break;
                case "controller": controller = RequireString(property, "a verification method"); break;
                case "publicKeyMultibase": multibase = RequireString(property, "a verification method"); break;
                case "publicKeyBase58": base58 = RequireString(property, "a verification method"); break;
                case "publicKeyJwk":
                    try
                    {
                        jwk = Jwk.FromJson(property.Value);
                    }
                    catch (KeyFormatException e)
                    {
                        throw new DidDocumentException("Invalid publicKeyJwk: " + e.Message, e);
                    }

                    if (jwk.IsPrivate)
                    {
                        // DID Core §5.2.1: private key material MUST NOT be in publicKeyJwk.
                        throw new DidDocumentException("publicKeyJwk must not contain private key material.");
                    }

                    break;
                case "secretKeyMultibase":
                case "privateKeyJwk":
                case "privateKeyBase58":
                case "privateKeyMultibase":
                    throw new DidDocumentException($"A verification method must not contain '{property.Name}'.");
                default:
                    additional[property.Name] = property.Value.Clone();
                    break;
            }
        }

        if (id is null || type is null || controller is null)
        {
            throw new DidDocumentException("A verification method needs 'id', 'type' and 'controller'.");
        }

        return new VerificationMethod
        {
            Id = id,
            Type = type,
            Controller = controller,
            PublicKeyMultibase = multibase,
            PublicKeyJwk = jwk,
            PublicKeyBase58 = base58,
            AdditionalProperties = additional,
        };
    }

    private static VerificationRelationshipEntry[] ReadRelationship(JsonProperty property)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            throw new DidDocumentException($"'{property.Name}' must be an array.");
        }

        return property.Value.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => VerificationRelationshipEntry.ForReference(item.GetString()!),
            JsonValueKind.Object => VerificationRelationshipEntry.ForEmbedded(ReadMethod(item)),
            _ => throw new DidDocumentException($"Entries of '{property.Name}' must be strings or objects."),
        }).ToArray();
    }

    private static Service ReadService(JsonElement element)
    {
        string? id = null;
        IReadOnlyList<string>? type = null;
        JsonElement? endpoint = null;
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id": id = RequireString(property, "a service"); break;
                case "type": type = StringSet(property, allowSingle: true); break;
                case "serviceEndpoint":
                    if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array))
                    {
                        throw new DidDocumentException("serviceEndpoint must be a string, a map or a set.");
                    }

                    endpoint = property.Value.Clone();
                    break;
                default:
                    additional[property.Name] = property.Value.Clone();
                    break;
            }
        }

        if (id is null || type is null || endpoint is null)
        {
            throw new DidDocumentException("A service needs 'id', 'type' and 'serviceEndpoint'.");
        }

        return new Service { Id = id, Type = type, ServiceEndpoint = endpoint.Value, AdditionalProperties = additional };
    }

    private static JsonElement.ArrayEnumerator ObjectArray(JsonProperty property)
    {
        if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            throw new DidDocumentException($"'{property.Name}' must be an array of objects.");
        }

        return property.Value.EnumerateArray();
    }

    private static string RequireString(JsonProperty property, string owner) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new DidDocumentException($"'{property.Name}' of {owner} must be a string.");

    private static string[] StringSet(JsonProperty property, bool allowSingle)
    {
        if (allowSingle && property.Value.ValueKind == JsonValueKind.String)
        {
            return [property.Value.GetString()!];
        }

        if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new DidDocumentException($"'{property.Name}' must be {(allowSingle ? "a string or " : string.Empty)}an array of strings.");
        }

        return property.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteAdditional(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> additional)
    {
        foreach (var (name, value) in additional)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
