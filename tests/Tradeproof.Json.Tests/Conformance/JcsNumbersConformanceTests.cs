using System.Globalization;
using Tradeproof.Testing;

namespace Tradeproof.Json.Tests;

/// <summary>
/// The first 100,000 lines of cyberphone's ES6 number test file (<c>jcs/numbers/es6testfile-100k.txt</c>):
/// each line is <c>ieee754-hex,expected</c>. Run in 100 chunks of 1,000 lines, each its own test named by its
/// line range; a failing chunk lists its first mismatching lines.
/// </summary>
public sealed class JcsNumbersConformanceTests
{
    private const int ChunkSize = 1000;
    private static readonly SkipList Skip = SkipList.Load(Path.Combine(Conformance.RepositoryRoot, "tests", "Tradeproof.Json.Tests", "Conformance", "jcs-numbers.skip"));
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Conformance.PathOf("jcs", "numbers", "es6testfile-100k.txt")));

    public static TheoryData<string> Chunks()
    {
        var data = new TheoryData<string>();
        for (var first = 1; first <= 100_000; first += ChunkSize)
        {
            data.Add($"lines {first}-{first + ChunkSize - 1}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Numbers_serialize_as_ecmascript(string id) => Skip.Run(id, () =>
    {
        var range = id["lines ".Length..].Split('-');
        var first = int.Parse(range[0], CultureInfo.InvariantCulture);
        var last = int.Parse(range[1], CultureInfo.InvariantCulture);
        var failures = new List<string>();
        for (var number = first; number <= last; number++)
        {
            var line = Lines.Value[number - 1];
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var bits = ulong.Parse(line.AsSpan(0, comma), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var expected = line[(comma + 1)..];
            var value = BitConverter.UInt64BitsToDouble(bits);
            var actual = Jcs.SerializeNumber(value);
            if (actual != expected)
            {
                failures.Add($"line {number}: {line[..comma]} expected {expected}, got {actual}");
            }
            else
            {
                // The same number as a JSON literal canonicalizes to the same text.
                var canonical = Jcs.Canonicalize("[" + expected + "]");
                if (canonical != "[" + expected + "]")
                {
                    failures.Add($"line {number}: [{expected}] canonicalized to {canonical}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} mismatches; first ones:\n" + string.Join('\n', failures.Take(10)));
    });
}

/// <summary>The suite's files are all there (kept apart so the conformance class counts cases only).</summary>
public sealed class JcsNumbersSuiteFilesTests
{
    [Fact]
    public void The_file_has_100000_lines() => Assert.Equal(100_000, File.ReadAllLines(Conformance.PathOf("jcs", "numbers", "es6testfile-100k.txt")).Length);
}
