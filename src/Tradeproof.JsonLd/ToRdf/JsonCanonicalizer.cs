using Tradeproof.Json;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>
/// The canonical lexical form of an <c>rdf:JSON</c> literal (JSON-LD 1.1 API §8.2.2 step 8): the JSON
/// Canonicalization Scheme (RFC 8785) of the value, by <see cref="Jcs"/> of Tradeproof.Json.
/// </summary>
internal static class JsonCanonicalizer
{
    public static string Canonicalize(object? value)
    {
        try
        {
            return Jcs.Canonicalize(JsonTree.Serialize(value));
        }
        catch (JsonInputException e)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidJsonLiteral, e.Message, e);
        }
    }
}
