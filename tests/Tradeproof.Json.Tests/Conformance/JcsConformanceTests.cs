using Tradeproof.Testing;

namespace Tradeproof.Json.Tests;

/// <summary>
/// cyberphone/json-canonicalization testdata: each input/X.json canonicalizes to exactly the bytes of
/// output/X.json (RFC 8785 Appendix test data).
/// </summary>
public sealed class JcsConformanceTests
{
    private static readonly SkipList Skip = SkipList.Load(Path.Combine(Conformance.RepositoryRoot, "tests", "Tradeproof.Json.Tests", "Conformance", "jcs.skip"));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Conformance.PathOf("jcs", "input"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Canonical_bytes_match(string id) => Skip.Run(id, () =>
    {
        var input = File.ReadAllBytes(Conformance.PathOf("jcs", "input", id + ".json"));
        var expected = File.ReadAllBytes(Conformance.PathOf("jcs", "output", id + ".json"));
        var hex = File.ReadAllText(Conformance.PathOf("jcs", "outhex", id + ".txt"));
        Assert.Equal(Convert.FromHexString(string.Concat(hex.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))), expected);

        var actual = Jcs.Canonicalize(input);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    });
}

/// <summary>The suite's files are all there (kept apart so the conformance class counts cases only).</summary>
public sealed class JcsSuiteFilesTests
{
    [Fact]
    public void The_suite_has_its_six_cases() => Assert.Equal(6, JcsConformanceTests.Cases().Count);
}
