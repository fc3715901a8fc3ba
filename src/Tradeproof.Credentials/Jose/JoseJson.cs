using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tradeproof.Credentials.Jose;

/// <summary>JSON writing for headers, payloads and disclosures: media types such as <c>vc+jwt</c> written as is.</summary>
internal static class JoseJson
{
    /// <summary>Minimal escaping (the output is base64url-encoded, never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
