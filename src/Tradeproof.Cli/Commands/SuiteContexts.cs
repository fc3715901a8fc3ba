using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The JSON-LD context a document needs for its proof's terms. VC DM 2.0's base context defines
/// <c>DataIntegrityProof</c> and its members; a 1.1 document needs the Data Integrity context
/// (vc-data-integrity §2.1: "https://w3id.org/security/data-integrity/v2"), and Ed25519Signature2020 needs its suite
/// context in either version. Signing runs JSON-LD in safe mode, so without them it fails on an undefined type.
/// </summary>
internal static class SuiteContexts
{
    public const string V1 = "https://www.w3.org/2018/credentials/v1";
    public const string DataIntegrity = "https://w3id.org/security/data-integrity/v2";
    public const string Ed25519Signature2020 = "https://w3id.org/security/suites/ed25519-2020/v1";

    /// <summary>The context a <paramref name="v1"/> (or 2.0) document signed with <paramref name="suite"/> must list, if any.</summary>
    public static string? Required(string suite, bool v1) => suite switch
    {
        "Ed25519Signature2020" => Ed25519Signature2020,
        SecuringSuites.Jwt or SecuringSuites.SdJwt => null,
        _ => v1 ? DataIntegrity : null,
    };

    /// <summary>The document with the suite's context appended to its <c>@context</c> when missing; else the input itself.</summary>
    public static byte[] AddTo(byte[] document, string suite)
    {
        var root = StrictJson.ParseElement(document);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("@context", out var context))
        {
            return document;
        }

        var contexts = context.ValueKind == JsonValueKind.Array ? [.. context.EnumerateArray()] : new List<JsonElement> { context };
        var first = contexts.Count > 0 && contexts[0].ValueKind == JsonValueKind.String ? contexts[0].GetString() : null;
        var needed = Required(suite, first == V1);
        if (needed is null || contexts.Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == needed))
        {
            return document;
        }

        var node = JsonObject.Create(root)!;
        if (node["@context"] is JsonArray array)
        {
            array.Add((JsonNode)JsonValue.Create(needed));
        }
        else
        {
            node["@context"] = new JsonArray(node["@context"]!.DeepClone(), JsonValue.Create(needed));
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
