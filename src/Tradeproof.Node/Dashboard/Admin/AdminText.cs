using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tradeproof.Node.Dashboard;

/// <summary>How the operator pages show raw data: indented JSON and shortened hashes.</summary>
internal static class AdminText
{
    /// <summary>JSON indented for reading (the bytes as text when they do not parse). The page encodes it as HTML text.</summary>
    public static string Indented(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(json);
        }
    }

    /// <summary>A hash as lowercase hex.</summary>
    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>The first 16 hex digits of a hash, for tables (the full value is in the title).</summary>
    public static string Short(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash[..Math.Min(8, hash.Length)]) + "…";
}
