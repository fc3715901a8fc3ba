using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.Jose;
using Tradeproof.Trade.Workflows;

namespace Tradeproof.Trade.Presentations;

/// <summary>
/// A traceable presentation (traceability interoperability API, <c>schemas/TraceablePresentation.yml</c>): a
/// verifiable presentation of types <c>VerifiablePresentation</c> and <c>TraceablePresentation</c> with a UUID URN
/// <c>id</c>, a <c>holder</c>, <c>workflow.definition</c> (the workflows it belongs to) and <c>workflow.instance</c>
/// (the instances, several when instances are joined), and optionally <c>replace</c>: the id of an earlier
/// presentation of the same holder and instance that this one replaces. Over the original JSON; parsing never throws
/// on bad input.
/// </summary>
public sealed class TraceablePresentation
{
    /// <summary>The presentation type this class reads.</summary>
    public const string Type = "TraceablePresentation";

    /// <summary>The traceability vocabulary context, which defines <c>workflow</c>, <c>definition</c>, <c>instance</c> and <c>replace</c>.</summary>
    public const string TraceabilityContext = "https://w3id.org/traceability/v1";

    private TraceablePresentation(VerifiablePresentation presentation, string id, string holder, IReadOnlyList<string> definitions, IReadOnlyList<string> instances, string? replace)
    {
        Presentation = presentation;
        Id = id;
        Holder = holder;
        WorkflowDefinitions = definitions;
        WorkflowInstances = instances;
        Replace = replace;
    }

    /// <summary>The underlying verifiable presentation (original bytes, types, credentials).</summary>
    public VerifiablePresentation Presentation { get; }

    /// <summary><c>id</c>: a UUID URN.</summary>
    public string Id { get; }

    /// <summary><c>holder</c> (or <c>holder.id</c>).</summary>
    public string Holder { get; }

    /// <summary><c>workflow.definition</c>.</summary>
    public IReadOnlyList<string> WorkflowDefinitions { get; }

    /// <summary><c>workflow.instance</c>.</summary>
    public IReadOnlyList<string> WorkflowInstances { get; }

    /// <summary><c>replace</c>: the id of the presentation this one replaces, or null.</summary>
    public string? Replace { get; }

    /// <summary>The embedded credentials (JSON objects; enveloped ones as their envelopes).</summary>
    public IReadOnlyList<JsonElement> Credentials => Presentation.VerifiableCredentials;

    /// <summary>
    /// Parses a traceable presentation: the VC data model rules (<see cref="VerifiablePresentation.TryParse"/>),
    /// then the traceable ones. Returns false with every problem found (MALFORMED_VALUE_ERROR, or PARSING_ERROR for
    /// input that is not JSON).
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, DataModelOptions? options, out TraceablePresentation? presentation, out IReadOnlyList<Problem> problems)
    {
        presentation = null;
        if (!VerifiablePresentation.TryParse(utf8, options, out var vp, out problems))
        {
            return false;
        }

        return TryRead(vp!, out presentation, out problems);
    }

    /// <summary>The traceable rules over a presentation that passed the data model rules already (not parsed again).</summary>
    public static bool TryRead(VerifiablePresentation vp, out TraceablePresentation? presentation, out IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(vp);
        presentation = null;
        var found = new List<Problem>();
        problems = found;
        var root = vp!.Json;
        if (!vp.Types.Contains(Type, StringComparer.Ordinal))
        {
            found.Add(Malformed("Not a traceable presentation", $"'type' must include {Type}."));
        }

        if (vp.Id is null || !IsUuidUrn(vp.Id))
        {
            found.Add(Malformed("Invalid presentation id", "A traceable presentation's 'id' is a UUID URN (urn:uuid:...)."));
        }

        if (vp.Holder is null)
        {
            found.Add(Malformed("Missing holder", "A traceable presentation names its 'holder'."));
        }

        IReadOnlyList<string> definitions = [];
        IReadOnlyList<string> instances = [];
        if (!root.TryGetProperty("workflow", out var workflow) || workflow.ValueKind != JsonValueKind.Object)
        {
            found.Add(Malformed("Missing workflow", "A traceable presentation has a 'workflow' object with 'definition' and 'instance'."));
        }
        else
        {
            definitions = IriList(workflow, "definition", found);
            instances = IriList(workflow, "instance", found);
        }

        string? replace = null;
        if (root.TryGetProperty("replace", out var replaceValue))
        {
            if (replaceValue.ValueKind == JsonValueKind.String && IsUuidUrn(replaceValue.GetString()!))
            {
                replace = replaceValue.GetString();
                if (string.Equals(replace, vp.Id, StringComparison.Ordinal))
                {
                    found.Add(Malformed("Presentation replaces itself", "'replace' names the presentation's own id."));
                }
            }
            else
            {
                found.Add(Malformed("Invalid replace", "'replace' is the id (a UUID URN) of the presentation being replaced."));
            }
        }

        if (found.Count > 0)
        {
            return false;
        }

        presentation = new TraceablePresentation(vp, vp.Id!, vp.Holder!, definitions, instances, replace);
        return true;
    }

    /// <summary>What workflow progress needs of this presentation: each credential's id, types and issuer (an enveloped VC-JWT's from its payload, which is not verified here).</summary>
    public ReceivedPresentation ToReceived(DateTimeOffset? receivedAt) =>
        new(Id, Holder, WorkflowDefinitions, WorkflowInstances, receivedAt, Credentials.Select(ReadCredential).ToList(), Replace);

    internal static bool IsUuidUrn(string value) =>
        value.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) && Guid.TryParseExact(value[9..], "D", out _);

    private static ReceivedCredential ReadCredential(JsonElement credential)
    {
        // An enveloped VC-JWT (VC-JOSE-COSE §3.1.3) is read from its payload: the envelope's id is a data: URL.
        if (VcJose.TryUnwrap(credential, out var mediaType, out var token, out _))
        {
            if (string.Equals(mediaType, VcJose.CredentialMediaType, StringComparison.Ordinal) && CompactJws.TryParse(token, null, out var jws, out _))
            {
                try
                {
                    using var payload = JsonDocument.Parse(jws!.Payload, new JsonDocumentOptions { MaxDepth = 64 });
                    if (payload.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        return ReadClaims(payload.RootElement);
                    }
                }
                catch (JsonException)
                {
                    // Not a credential payload: reported as the envelope below (the verifier refuses it).
                }
            }

            return new ReceivedCredential(null, ReadTypes(credential), null);
        }

        return ReadClaims(credential);
    }

    private static ReceivedCredential ReadClaims(JsonElement credential)
    {
        var id = credential.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        string? issuer = null;
        if (credential.TryGetProperty("issuer", out var issuerValue))
        {
            issuer = issuerValue.ValueKind == JsonValueKind.String ? issuerValue.GetString()
                : issuerValue.ValueKind == JsonValueKind.Object && issuerValue.TryGetProperty("id", out var issuerId) && issuerId.ValueKind == JsonValueKind.String ? issuerId.GetString()
                : null;
        }

        return new ReceivedCredential(id, ReadTypes(credential), issuer);
    }

    private static List<string> ReadTypes(JsonElement credential) => !credential.TryGetProperty("type", out var type) ? [] : type.ValueKind switch
    {
        JsonValueKind.String => [type.GetString()!],
        JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
        _ => [],
    };

    private static List<string> IriList(JsonElement workflow, string name, List<Problem> found)
    {
        if (!workflow.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            found.Add(Malformed($"Invalid workflow.{name}", $"'workflow.{name}' is a non-empty list of IRIs."));
            return [];
        }

        var values = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Uri.TryCreate(item.GetString(), UriKind.Absolute, out _))
            {
                found.Add(Malformed($"Invalid workflow.{name}", $"Each 'workflow.{name}' value is an absolute IRI; found {item.GetRawText()}."));
                continue;
            }

            if (values.Contains(item.GetString()!, StringComparer.Ordinal))
            {
                found.Add(Malformed($"Invalid workflow.{name}", $"'workflow.{name}' lists {item.GetString()} twice."));
                continue;
            }

            values.Add(item.GetString()!);
        }

        return values;
    }

    private static Problem Malformed(string title, string detail) => new(ProblemTypes.MalformedValueError, title, detail);
}
