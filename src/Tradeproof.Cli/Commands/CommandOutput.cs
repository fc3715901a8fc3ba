using System.Text.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>Where a command's result goes: standard output, or a file written atomically (<c>--out</c>).</summary>
internal static class CommandOutput
{
    /// <summary>Writes <paramref name="result"/> and a newline to <paramref name="path"/> (atomically) or standard output.</summary>
    public static void Write(CliConsole console, string? path, string result)
    {
        if (path is null || path == "-")
        {
            console.Output.WriteLine(result);
            return;
        }

        AtomicFile.WriteText(path, result + "\n");
    }

    /// <summary>A small JSON object for <c>--json</c> output, written by <paramref name="members"/>.</summary>
    public static string Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary><paramref name="element"/> written again, indented, for <c>--json</c> output of a node's answer.</summary>
    public static string Indented(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
