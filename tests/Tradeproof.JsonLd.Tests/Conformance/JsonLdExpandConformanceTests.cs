using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.Testing;

namespace Tradeproof.JsonLd.Tests.Conformance;

/// <summary>
/// The W3C JSON-LD 1.1 API expand manifest (json-ld-api/expand-manifest.jsonld), one named test per case.
/// This processor runs as JSON-LD 1.1: cases with <c>specVersion: json-ld-1.0</c> are not applicable and are
/// left out of the data (not counted). Cases we do not pass are listed with their reason in expand.skip.
/// </summary>
public sealed class JsonLdExpandConformanceTests
{
    private const string ManifestFile = "expand-manifest.jsonld";

    private static readonly SkipList Skips =
        SkipList.Load(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.JsonLd.Tests", "Conformance", "expand.skip"));

    public static TheoryData<string> Cases() => Manifest.Applicable(ManifestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => ConformanceRunner.RunExpand(Manifest.Get(ManifestFile, id)));
}
