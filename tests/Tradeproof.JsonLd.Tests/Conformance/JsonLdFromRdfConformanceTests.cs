using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.Testing;

namespace Tradeproof.JsonLd.Tests.Conformance;

/// <summary>
/// The W3C JSON-LD 1.1 API fromRdf manifest (json-ld-api/fromRdf-manifest.jsonld), one named test per case.
/// This processor runs as JSON-LD 1.1: cases with <c>specVersion: json-ld-1.0</c> are not applicable and are
/// left out of the data (not counted). Cases we do not pass are listed with their reason in fromRdf.skip.
/// </summary>
public sealed class JsonLdFromRdfConformanceTests
{
    private const string ManifestFile = "fromRdf-manifest.jsonld";

    private static readonly SkipList Skips =
        SkipList.Load(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.JsonLd.Tests", "Conformance", "fromRdf.skip"));

    public static TheoryData<string> Cases() => Manifest.Applicable(ManifestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => Part2ConformanceRunner.RunFromRdf(Manifest.Get(ManifestFile, id)));
}
