using System.Globalization;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Testing;

namespace Tradeproof.Cryptography.Tests.Encoding;

/// <summary>
/// multiformats/multibase tests/*.csv: every vector decodes to the file's input; the canonical files
/// (basic, leading_zero, two_leading_zeros) also encode to exactly the vector. case_insensitivity vectors
/// are decode-only. Case ids are <c>file/encoding</c>.
/// </summary>
public sealed class MultibaseConformanceTests
{
    private static readonly SkipList Skip = SkipList.Load(Path.Combine(Conformance.RepositoryRoot, "tests", "Tradeproof.Cryptography.Tests", "Conformance", "multibase.skip"));

    private static readonly Lazy<Dictionary<string, (byte[] Input, string Encoding, string Encoded, bool Canonical)>> Vectors = new(Load);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in Vectors.Value.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector_decodes_and_encodes(string id) => Skip.Run(id, () =>
    {
        var (input, encodingName, encoded, canonical) = Vectors.Value[id];
        Assert.True(Multibase.TryParseName(encodingName, out var encoding), "unknown encoding " + encodingName);

        var (decodedEncoding, decoded) = Multibase.Decode(encoded);

        Assert.Equal(encoding, decodedEncoding);
        Assert.Equal(input, decoded);
        if (canonical)
        {
            Assert.Equal(encoded, Multibase.Encode(encoding, input));
        }
    });

    private static Dictionary<string, (byte[] Input, string Encoding, string Encoded, bool Canonical)> Load()
    {
        var vectors = new Dictionary<string, (byte[], string, string, bool)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Conformance.PathOf("multibase", "tests"), "*.csv"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var lines = File.ReadAllLines(file, System.Text.Encoding.UTF8).Where(l => l.Length > 0).ToArray();
            var (header, headerValue) = Split(lines[0]);
            var input = Unescape(headerValue);
            var canonical = header == "encoding";
            foreach (var line in lines.Skip(1))
            {
                var (encoding, encoded) = Split(line);
                vectors.Add(name + "/" + encoding, (input, encoding, encoded, canonical));
            }
        }

        return vectors;
    }

    private static (string Key, string Value) Split(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        var value = line[(comma + 1)..].Trim();
        return (line[..comma].Trim(), value.Trim('"'));
    }

    /// <summary>The files write the input bytes as text with <c>\xNN</c> escapes.</summary>
    private static byte[] Unescape(string value)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && value[i + 1] == 'x')
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 3;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return [.. bytes];
    }
}

/// <summary>The suite's files are all there (kept apart so the conformance class counts cases only).</summary>
public sealed class MultibaseSuiteFilesTests
{
    [Fact]
    public void The_suite_has_its_81_vectors() => Assert.Equal(81, MultibaseConformanceTests.Cases().Count);
}
