using System.Text;
using System.Text.Json;

namespace Tradeproof.Json.Tests;

/// <summary>JsonText: the same text as a fresh writer over a memory stream, whatever the buffer kept from before.</summary>
public sealed class JsonTextTests
{
    private static string Fresh(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Sample(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteNumber("n", 12.5m);
        w.WriteStartArray("list");
        w.WriteStringValue("<é>\"");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    [Fact]
    public void Writes_what_a_fresh_writer_writes_call_after_call()
    {
        foreach (var text in new[] { "short", new string('x', 5000), "after a long one", new string('y', 100_000), "and again" })
        {
            Assert.Equal(Fresh(w => Sample(w, text)), JsonText.Write(text, static (w, t) => Sample(w, t)));
        }
    }

    [Fact]
    public void A_failed_write_leaves_nothing_behind_for_the_next()
    {
        Assert.Throws<InvalidOperationException>(() => JsonText.Write(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("half", "written");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("[1]", JsonText.Write(1, static (w, n) =>
        {
            w.WriteStartArray();
            w.WriteNumberValue(n);
            w.WriteEndArray();
        }));
    }

    [Fact]
    public void A_nested_call_gets_its_own_buffer()
    {
        var outer = JsonText.Write("inner", static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("a", JsonText.Write(s, static (w2, s2) => w2.WriteStringValue(s2)));
            w.WriteString("b", "after");
            w.WriteEndObject();
        });
        Assert.Equal("{\"a\":\"\\u0022inner\\u0022\",\"b\":\"after\"}", outer);
    }
}
