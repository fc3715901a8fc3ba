using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.Testing;

namespace Tradeproof.JsonLd.Tests.Conformance;

/// <summary>
/// The W3C JSON-LD 1.1 API flatten manifest (json-ld-api/flatten-manifest.jsonld), one named test per case.
/// This processor runs as JSON-LD 1.1: cases with <c>specVersion: json-ld-1.0</c> are not applicable and are
/// left out of the data (not counted). Cases we do not pass are listed with their reason in flatten.skip.
/// </summary>
public sealed class JsonLdFlattenConformanceTests
{
    private const string ManifestFile = "flatten-manifest.jsonld";

    private static readonly SkipList Skips =
        SkipList.Load(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.JsonLd.Tests", "Conformance", "flatten.skip"));

    public static TheoryData<string> Cases() => Manifest.Applicable(ManifestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => Part2ConformanceRunner.RunFlatten(Manifest.Get(ManifestFile, id)));
}
