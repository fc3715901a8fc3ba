using Tradeproof.JsonLd.FromRdf;
using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.JsonLd.Tests.Part2;

/// <summary>
/// A property of fromRdf beyond the W3C fromRdf suite: serializing a dataset as JSON-LD and converting that
/// back to RDF gives an isomorphic dataset. Checked on every expected dataset of the toRdf suite.
/// </summary>
public sealed class FromRdfRoundTripTests
{
    private const string ManifestFile = "toRdf-manifest.jsonld";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in Manifest.Load(ManifestFile))
        {
            if (!testCase.Is10Only && !testCase.IsNegative && testCase.Expect is not null && testCase.Expect.EndsWith(".nq", StringComparison.Ordinal)
                && testCase.OptionBool("produceGeneralizedRdf") != true)
            {
                data.Add(testCase.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dataset_survives_from_rdf_and_to_rdf(string id)
    {
        var testCase = Manifest.Get(ManifestFile, id);
        var dataset = NQuadsParser.Parse(File.ReadAllText(ManifestCase.PathOf(testCase.Expect!)));
        var options = new JsonLdOptions { RdfDirection = testCase.OptionString("rdfDirection") };

        var run = new JsonLdRun(options);
        var json = SerializeRdfAsJsonLd.Serialize(dataset, rdfDirection: options.RdfDirection);
        var back = JsonLdProcessor.ToRdfCore(run, JsonLdProcessor.ExpandCore(run, json, null, null));

        Assert.Equal(RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads, RdfCanonicalizer.Canonicalize(back).CanonicalNQuads);
    }
}
