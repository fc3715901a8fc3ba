using System.Text;
using Tradeproof.Testing;

namespace Tradeproof.Fuzz.Targets;

/// <summary>Seed inputs read from ../shared/conformance and the repository's test data (never copied into the repository).</summary>
internal static class Corpus
{
    /// <summary>Files under a conformance folder matching <paramref name="pattern"/>, in name order, at most <paramref name="limit"/>,
    /// each at most <paramref name="maxBytes"/>.</summary>
    public static List<byte[]> Files(string folder, string pattern, int limit = 200, int maxBytes = 64 << 10, bool recursive = false)
    {
        var root = Conformance.PathOf(folder);
        return Directory.GetFiles(root, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(b => b.Length <= maxBytes)
            .Take(limit)
            .ToList();
    }

    /// <summary>The non-comment, non-empty lines of a conformance text file.</summary>
    public static IEnumerable<string> Lines(string file) =>
        File.ReadLines(Conformance.PathOf(file)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>The repository's own JSON test data.</summary>
    public static List<byte[]> RepositoryJson() =>
        Directory.GetFiles(Path.Combine(Conformance.RepositoryRoot, "tests", "Tradeproof.Interop.Tests", "Data"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);
}
