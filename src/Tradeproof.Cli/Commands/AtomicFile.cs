namespace Tradeproof.Cli.Commands;

/// <summary>
/// Writes files so that an interrupted command never leaves a half-written one: the content goes to a temporary
/// file in the same directory, is flushed to disk, then renamed over the target (an atomic replace on POSIX and NTFS).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, bool overwrite = true, bool ownerOnly = false)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new CliInputException($"directory not found: {directory}");
        }

        if (!overwrite && File.Exists(full))
        {
            throw new CliInputException($"{path} exists: it is never overwritten");
        }

        var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (ownerOnly && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, full, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                throw new CliInputException($"{path} exists: it is never overwritten");
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes text as UTF-8 (no byte order mark).</summary>
    public static void WriteText(string path, string content, bool overwrite = true) =>
        Write(path, new System.Text.UTF8Encoding(false).GetBytes(content), overwrite);
}
