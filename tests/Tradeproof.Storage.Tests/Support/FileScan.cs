namespace Tradeproof.Storage.Tests.Support;

/// <summary>Searches files for a byte sequence (the raw-database secrecy check).</summary>
internal static class FileScan
{
    public static bool AnyContains(IEnumerable<string> files, byte[] needle)
    {
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }
            catch (IOException)
            {
                continue; // vanished or locked (a temp file of the server): not database content
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
