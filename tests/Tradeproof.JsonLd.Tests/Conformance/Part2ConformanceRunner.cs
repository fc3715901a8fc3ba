using Tradeproof.JsonLd.Compaction;
using Tradeproof.JsonLd.Flattening;
using Tradeproof.JsonLd.FromRdf;
using Tradeproof.JsonLd.Json;
using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.JsonLd.Tests.Conformance;

/// <summary>Runs one case of the compact, flatten or fromRdf manifests; throws when the case fails.</summary>
internal static class Part2ConformanceRunner
{
    /// <summary>
    /// A compact case: the input is expanded (loaded by URL through the test loader), then compacted with the case's
    /// context. As the suite's README asks, the output and the expected output are also both expanded again and
    /// compared (the order inside compacted <c>@list</c> containers is significant only in expanded form).
    /// </summary>
    public static void RunCompact(ManifestCase testCase) =>
        Check(
            testCase,
            () =>
            {
                var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
                var run = new JsonLdRun(options);
                var expanded = JsonLdProcessor.ExpandRemote(run, testCase.InputUrl!);
                var context = LoadContext(testCase);
                return CompactionAlgorithm.CompactDocument(run, expanded, context, testCase.InputUrl);
            },
            reexpand: true);

    /// <summary>A flatten case: expanded, flattened, then compacted when the case has a context.</summary>
    public static void RunFlatten(ManifestCase testCase) =>
        Check(testCase, () =>
        {
            var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
            var run = new JsonLdRun(options);
            var expanded = JsonLdProcessor.ExpandRemote(run, testCase.InputUrl!);
            return FlatteningAlgorithm.FlattenDocument(run, expanded, LoadContext(testCase), testCase.Context is not null, testCase.InputUrl);
        });

    /// <summary>A fromRdf case: the N-Quads input serialized as expanded JSON-LD.</summary>
    public static void RunFromRdf(ManifestCase testCase) =>
        Check(testCase, () =>
        {
            var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
            var dataset = NQuadsParser.Parse(File.ReadAllText(ManifestCase.PathOf(testCase.Input!)));
            return SerializeRdfAsJsonLd.Serialize(
                dataset,
                options.Ordered,
                options.RdfDirection,
                options.UseNativeTypes,
                options.UseRdfType,
                options.ProcessingMode == "json-ld-1.0");
        });

    private static object? LoadContext(ManifestCase testCase) =>
        testCase.Context is null ? null : JsonTree.Parse(File.ReadAllBytes(ManifestCase.PathOf(testCase.Context)), 1000);

    private static void Check(ManifestCase testCase, Func<object?> run, bool reexpand = false)
    {
        if (testCase.IsNegative)
        {
            try
            {
                run();
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

        var actual = run();
        var expected = JsonTree.Parse(File.ReadAllBytes(ManifestCase.PathOf(testCase.Expect!)), 1000);
        if (!JsonLdComparison.Equivalent(expected, actual))
        {
            throw new Xunit.Sdk.XunitException(
                $"{testCase.Id} ({testCase.Name}): output differs.\nexpected: {JsonTree.Serialize(expected)}\nactual:   {JsonTree.Serialize(actual)}");
        }

        if (reexpand)
        {
            var expandedExpected = Expand(testCase, expected);
            var expandedActual = Expand(testCase, actual);
            if (!JsonLdComparison.Equivalent(expandedExpected, expandedActual))
            {
                throw new Xunit.Sdk.XunitException(
                    $"{testCase.Id} ({testCase.Name}): output expands differently.\nexpected: {JsonTree.Serialize(expandedExpected)}\nactual:   {JsonTree.Serialize(expandedActual)}");
            }
        }
    }

    private static List<object?> Expand(ManifestCase testCase, object? document)
    {
        var run = new JsonLdRun(testCase.CreateOptions(new TestDocumentLoader(testCase)));
        return JsonLdProcessor.ExpandCore(run, document, testCase.InputUrl, null);
    }
}
