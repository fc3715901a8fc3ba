using Tradeproof.JsonLd.Compaction;
using Tradeproof.JsonLd.Json;
using Tradeproof.JsonLd.Tests.Harness;

namespace Tradeproof.JsonLd.Tests.Part2;

/// <summary>
/// A property of compaction beyond the W3C compact suite: compacting an expanded document with a context and
/// expanding the result again gives the same expanded document. Checked for every positive case of the expand
/// suite (its expected output, compacted with the input's own context, or with an empty one).
/// </summary>
public sealed class CompactionRoundTripTests
{
    private const string ManifestFile = "expand-manifest.jsonld";

    // Expected outputs that are not themselves expanded documents one can expand again: t0060 keeps relative
    // IRIs (its input sets @base to null), t0122 holds "@id": null.
    private static readonly HashSet<string> NotReexpandable = new(StringComparer.Ordinal) { "t0060", "t0122" };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in Manifest.Load(ManifestFile))
        {
            if (!testCase.Is10Only && !testCase.IsNegative && testCase.Expect is not null
                && testCase.OptionString("processingMode") is null && !NotReexpandable.Contains(testCase.Id))
            {
                data.Add(testCase.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expanded_output_survives_compaction_and_expansion(string id)
    {
        var testCase = Manifest.Get(ManifestFile, id);
        var expected = JsonTree.Parse(File.ReadAllBytes(ManifestCase.PathOf(testCase.Expect!)), 1000);
        var input = JsonTree.Parse(File.ReadAllBytes(ManifestCase.PathOf(testCase.Input!)), 1000);
        var context = input is Dictionary<string, object?> map && map.TryGetValue("@context", out var c) ? c : null;

        foreach (var candidate in new[] { context, new Dictionary<string, object?>() })
        {
            if (candidate is null)
            {
                continue;
            }

            var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
            var run = new JsonLdRun(options);
            Dictionary<string, object?> compacted;
            try
            {
                compacted = CompactionAlgorithm.CompactDocument(run, expected, candidate, testCase.InputUrl);
            }
            catch (JsonLdException e) when (e.Code is JsonLdErrorCode.IriConfusedWithPrefix)
            {
                // Some documents cannot be compacted with some contexts; that is an answer, not a loss.
                continue;
            }

            var again = JsonLdProcessor.ExpandCore(new JsonLdRun(testCase.CreateOptions(new TestDocumentLoader(testCase))), compacted, testCase.InputUrl, null);
            Assert.True(
                JsonLdComparison.Equivalent(expected, again),
                $"{id}: context {JsonTree.Serialize(candidate)}\ncompacted {JsonTree.Serialize(compacted)}\nexpected {JsonTree.Serialize(expected)}\nactual   {JsonTree.Serialize(again)}");
        }
    }
}
