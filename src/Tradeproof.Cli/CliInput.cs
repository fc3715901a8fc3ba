namespace Tradeproof.Cli;

/// <summary>Reads a command's input: a file path, or <c>-</c> (the default) for standard input.</summary>
internal static class CliInput
{
    /// <summary>The largest input a command reads (256 MiB): larger input is refused, not truncated.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>The bytes of the file, or of standard input when <paramref name="path"/> is null or <c>-</c>.</summary>
    public static byte[] ReadAllBytes(string? path, CliConsole console)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = console.Input.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw new CliInputException($"standard input is larger than {MaxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        if (!File.Exists(path))
        {
            throw new CliInputException($"file not found: {path}");
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new CliInputException($"{path} is larger than {MaxBytes} bytes");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>The input decoded as UTF-8; invalid UTF-8 is an error naming the byte offset.</summary>
    public static string ReadAllText(string? path, CliConsole console)
    {
        var bytes = ReadAllBytes(path, console);
        try
        {
            var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new CliInputException($"{Describe(path)} is not valid UTF-8 (byte offset {e.Index})");
        }
    }

    /// <summary>How to name the input in an error message.</summary>
    public static string Describe(string? path) => string.IsNullOrEmpty(path) || path == "-" ? "standard input" : path;
}

/// <summary>An input the command cannot read (missing file, too large, not UTF-8).</summary>
internal sealed class CliInputException(string message) : Exception(message);

/// <summary>Something the command needs is missing or unreachable (a tool not on PATH): exit 69, one line saying what to do.</summary>
internal sealed class CliUnavailableException(string message) : Exception(message);
