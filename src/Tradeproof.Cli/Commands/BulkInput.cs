namespace Tradeproof.Cli.Commands;

/// <summary>One credential of a bulk input: where it came from (<c>FILE:LINE</c> or a file name) and its bytes.</summary>
internal readonly record struct BulkItem(long Sequence, string Source, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// The input of <c>verify --bulk</c> and <c>issue --bulk</c>: a folder of <c>.json</c> / <c>.jwt</c> files (one
/// credential each, in name order) or a JSON-lines file (one credential per non-empty line: a JSON object, a JSON
/// string holding a JWT, or a bare compact JWT / SD-JWT). Read as a stream, so memory stays bounded however long
/// the input is.
/// </summary>
internal sealed class BulkInput
{
    /// <summary>The longest line (or file) read: 16 MiB, well over any credential; a longer one is refused.</summary>
    public const int MaxItemBytes = 16 * 1024 * 1024;

    private readonly string _path;
    private readonly bool _folder;

    private BulkInput(string path, bool folder)
    {
        _path = path;
        _folder = folder;
    }

    /// <summary>The path as given, for messages.</summary>
    public string Path => _path;

    /// <summary>Opens <paramref name="path"/>; a missing path, an empty folder, or (when <paramref name="foldersAllowed"/> is false) a folder is refused.</summary>
    public static BulkInput Open(string path, bool foldersAllowed)
    {
        if (Directory.Exists(path))
        {
            if (!foldersAllowed)
            {
                throw new CliInputException($"{path} is a folder: give a JSON-lines file (one credential per line)");
            }

            var input = new BulkInput(path, folder: true);
            if (!input.Files().Any())
            {
                throw new CliInputException($"{path} holds no .json, .jwt or .jsonl files: give a folder of credentials or a JSON-lines file");
            }

            return input;
        }

        if (!File.Exists(path))
        {
            throw new CliInputException($"not found: {path} (give a folder of .json/.jwt files or a JSON-lines file)");
        }

        return new BulkInput(path, folder: false);
    }

    /// <summary>How many credentials the input holds (files of a folder, non-empty lines of a file): one quick pass, for the progress bar.</summary>
    public long Count()
    {
        if (_folder)
        {
            return Files().Sum(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? CountLines(f) : 1);
        }

        return CountLines(_path);
    }

    /// <summary>The credentials, in order, read lazily.</summary>
    public IEnumerable<BulkItem> Items()
    {
        long sequence = 0;
        if (!_folder)
        {
            foreach (var (line, bytes) in Lines(_path))
            {
                yield return new BulkItem(sequence++, $"{_path}:{line}", bytes);
            }

            yield break;
        }

        foreach (var file in Files())
        {
            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var (line, bytes) in Lines(file))
                {
                    yield return new BulkItem(sequence++, $"{file}:{line}", bytes);
                }

                continue;
            }

            var length = new FileInfo(file).Length;
            if (length > MaxItemBytes)
            {
                throw new CliInputException($"{file} is larger than {MaxItemBytes} bytes: not a credential");
            }

            yield return new BulkItem(sequence++, file, Unwrap(File.ReadAllBytes(file)));
        }
    }

    private IEnumerable<string> Files()
    {
        return Directory.EnumerateFiles(_path)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jwt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
    }

    private static long CountLines(string file)
    {
        long count = 0;
        var buffer = new byte[1 << 16];
        using var stream = File.OpenRead(file);
        var blank = true;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'\n')
                {
                    count += blank ? 0 : 1;
                    blank = true;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    blank = false;
                }
            }
        }

        return count + (blank ? 0 : 1);
    }

    // Non-empty lines with their 1-based line numbers. Lines are split on '\n' in the bytes (UTF-8 never has that
    // byte inside a character), so no decoding happens here: the verifier's strict parser judges each line.
    private static IEnumerable<(long Line, ReadOnlyMemory<byte> Bytes)> Lines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        long line = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line++;
                pending.Write(buffer, start, i - start);
                start = i + 1;
                if (Trimmed(pending) is { } item)
                {
                    yield return (line, item);
                }

                pending.SetLength(0);
            }

            pending.Write(buffer, start, read - start);
            if (pending.Length > MaxItemBytes)
            {
                throw new CliInputException($"{file}:{line + 1} is longer than {MaxItemBytes} bytes: not one credential per line (is it a JSON-lines file?)");
            }
        }

        if (Trimmed(pending) is { } last)
        {
            yield return (line + 1, last);
        }
    }

    private static ReadOnlyMemory<byte>? Trimmed(MemoryStream pending)
    {
        var span = new ReadOnlySpan<byte>(pending.GetBuffer(), 0, (int)pending.Length).Trim(" \t\r"u8);
        if (span.Length == 0)
        {
            return null;
        }

        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
        {
            span = span[3..];
        }

        return Unwrap(span.ToArray());
    }

    // A JSON string on its own ("eyJ...") is a JWT written as JSON (as issue --bulk --suite jwt writes it).
    private static byte[] Unwrap(byte[] bytes)
    {
        var span = bytes.AsSpan().Trim(" \t\r\n"u8);
        if (span.Length >= 2 && span[0] == (byte)'"' && span[^1] == (byte)'"' && span[1..^1].IndexOfAny((byte)'"', (byte)'\\') < 0)
        {
            return span[1..^1].ToArray();
        }

        return bytes;
    }
}
