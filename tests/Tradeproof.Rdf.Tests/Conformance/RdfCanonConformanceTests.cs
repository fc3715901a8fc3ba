using System.Text.Json;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;
using Tradeproof.Testing;

namespace Tradeproof.Rdf.Tests.Conformance;

/// <summary>
/// The W3C RDF Dataset Canonicalization test suite (w3c/rdf-canon tests, manifest.jsonld), offline copy:
/// eval tests compare canonical N-Quads byte for byte, map tests the issued identifiers map,
/// the negative test must be refused by the work limit.
/// </summary>
public sealed class RdfCanonConformanceTests
{
    private static readonly Lazy<Dictionary<string, TestCase>> Manifest = new(LoadManifest);
    private static readonly SkipList Skips = SkipList.Load(
        Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.Rdf.Tests", "Conformance", "rdf-canon.skip"));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in Manifest.Value.Keys)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Manifest_has_all_86_cases()
    {
        var cases = Manifest.Value.Values;
        Assert.Equal(86, cases.Count);
        Assert.Equal(64, cases.Count(c => c.Type == "rdfc:RDFC10EvalTest"));
        Assert.Equal(21, cases.Count(c => c.Type == "rdfc:RDFC10MapTest"));
        Assert.Equal(1, cases.Count(c => c.Type == "rdfc:RDFC10NegativeEvalTest"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => Check(Manifest.Value[id]));

    private static void Check(TestCase test)
    {
        var input = File.ReadAllText(Path.Combine(test.Folder, test.Action));
        var dataset = NQuadsParser.Parse(input);
        var options = new RdfcOptions(test.HashAlgorithm == "SHA384" ? RdfcHashAlgorithm.Sha384 : RdfcHashAlgorithm.Sha256);
        switch (test.Type)
        {
            case "rdfc:RDFC10EvalTest":
            {
                var expected = File.ReadAllBytes(Path.Combine(test.Folder, test.Result!));
                var actual = RdfCanonicalizer.Canonicalize(dataset, options).CanonicalNQuadsUtf8.ToArray();
                Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
                Assert.Equal(expected, actual);

                // The hash of the canonical form made in place (what Data Integrity proofs hash) is the expected's hash.
                var expectedHash = options.HashAlgorithm == RdfcHashAlgorithm.Sha384 ? System.Security.Cryptography.SHA384.HashData(expected) : System.Security.Cryptography.SHA256.HashData(expected);
                Assert.Equal(Convert.ToHexString(expectedHash), Convert.ToHexString(RdfCanonicalizer.CanonicalizeAndHash(dataset, options)));
                break;
            }

            case "rdfc:RDFC10MapTest":
            {
                var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(test.Folder, test.Result!)))!;
                var actual = RdfCanonicalizer.Canonicalize(dataset, options).IssuedIdentifiers;
                Assert.Equal(
                    expected.OrderBy(p => p.Key, StringComparer.Ordinal),
                    actual.OrderBy(p => p.Key, StringComparer.Ordinal));
                break;
            }

            case "rdfc:RDFC10NegativeEvalTest":
            {
                var error = Assert.Throws<RdfCanonicalizationException>(() => RdfCanonicalizer.Canonicalize(dataset, options));
                Assert.Equal(RdfCanonicalizationException.WorkLimitExceeded, error.Code);
                var hashError = Assert.Throws<RdfCanonicalizationException>(() => RdfCanonicalizer.CanonicalizeAndHash(dataset, options));
                Assert.Equal(RdfCanonicalizationException.WorkLimitExceeded, hashError.Code);
                break;
            }

            default:
                throw new InvalidOperationException("Unknown test type " + test.Type);
        }
    }

    private static Dictionary<string, TestCase> LoadManifest()
    {
        var path = Tradeproof.Testing.Conformance.PathOf("rdf-canon", "manifest.jsonld");
        var folder = Path.GetDirectoryName(path)!;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, TestCase>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!.TrimStart('#');
            cases.Add(id, new TestCase(
                id,
                entry.GetProperty("type").GetString()!,
                entry.GetProperty("action").GetString()!,
                entry.TryGetProperty("result", out var result) ? result.GetString() : null,
                entry.TryGetProperty("hashAlgorithm", out var hash) ? hash.GetString() : null,
                folder));
        }

        return cases;
    }

    private sealed record TestCase(string Id, string Type, string Action, string? Result, string? HashAlgorithm, string Folder);
}
