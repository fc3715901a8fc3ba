using Tradeproof.JsonLd.Json;
using Tradeproof.Rdf;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.JsonLd.Tests.Harness;

/// <summary>Runs one case of the expand, toRdf or remote-doc manifests; throws when the case fails.</summary>
internal static class ConformanceRunner
{
    /// <summary>An expand (or remote-doc) case: the input is loaded by URL through the test loader.</summary>
    public static void RunExpand(ManifestCase testCase)
    {
        var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
        if (testCase.IsNegative)
        {
            ExpectError(testCase, () => JsonLdProcessor.ExpandRemote(new JsonLdRun(options), testCase.InputUrl!));
            return;
        }

        var actual = JsonLdProcessor.ExpandRemote(new JsonLdRun(options), testCase.InputUrl!);
        var expected = JsonTree.Parse(File.ReadAllBytes(ManifestCase.PathOf(testCase.Expect!)), 1000);
        if (!JsonLdComparison.Equivalent(expected, actual))
        {
            throw new Xunit.Sdk.XunitException(
                $"{testCase.Id} ({testCase.Name}): expanded output differs.\nexpected: {JsonTree.Serialize(expected)}\nactual:   {JsonTree.Serialize(actual)}");
        }
    }

    /// <summary>A toRdf case: the dataset is compared with the expected N-Quads as isomorphic datasets (RDFC-1.0 canonical forms).</summary>
    public static void RunToRdf(ManifestCase testCase)
    {
        var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
        if (testCase.IsNegative)
        {
            ExpectError(testCase, () => ToRdf(testCase, options));
            return;
        }

        var actual = ToRdf(testCase, options);
        if (testCase.IsPositiveSyntax)
        {
            return;
        }

        var expected = NQuadsParser.Parse(File.ReadAllText(ManifestCase.PathOf(testCase.Expect!)));
        var expectedCanonical = Tradeproof.Rdf.Canonicalization.RdfCanonicalizer.Canonicalize(expected).CanonicalNQuads;
        var actualCanonical = Tradeproof.Rdf.Canonicalization.RdfCanonicalizer.Canonicalize(actual).CanonicalNQuads;
        if (expectedCanonical != actualCanonical)
        {
            throw new Xunit.Sdk.XunitException(
                $"{testCase.Id} ({testCase.Name}): datasets are not isomorphic.\nexpected:\n{expectedCanonical}\nactual:\n{actualCanonical}");
        }
    }

    private static RdfDataset ToRdf(ManifestCase testCase, JsonLdOptions options)
    {
        var run = new JsonLdRun(options);
        var expanded = JsonLdProcessor.ExpandRemote(run, testCase.InputUrl!);
        return JsonLdProcessor.ToRdfCore(run, expanded);
    }

    private static void ExpectError(ManifestCase testCase, Action action)
    {
        try
        {
            action();
        }
        catch (JsonLdException e)
        {
            if (e.Code != testCase.ExpectErrorCode)
            {
                throw new Xunit.Sdk.XunitException($"{testCase.Id}: expected error '{testCase.ExpectErrorCode}', got '{e.Code}' ({e.Message})");
            }

            return;
        }

        throw new Xunit.Sdk.XunitException($"{testCase.Id}: expected error '{testCase.ExpectErrorCode}', got none.");
    }
}
