using System.Buffers;
using System.Text.Json;

namespace Tradeproof.Storage.Sql;

/// <summary>A stored event's subject ids as a JSON array of strings (written and read without reflection).</summary>
internal static class SubjectIdsJson
{
    public static string Write(IReadOnlyList<string> ids)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string> Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? throw new JsonException("null subject id"))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new StoreException(StoreErrorKind.Corrupt, "A stored event's subject ids are not a JSON array of strings.", e);
        }
    }
}
