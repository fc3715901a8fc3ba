using Tradeproof.Benchmarks.Peers;
using Tradeproof.Json;

namespace Tradeproof.Benchmarks.Json;

/// <summary>
/// JCS of a JSON file's bytes: UTF-8 text in, canonical UTF-8 bytes out (the Node side: <c>canonicalize(JSON.parse(text))</c>,
/// benchmarks/peers/ops/jcs.mjs).
/// </summary>
internal sealed class JcsPeerOperation : IPeerOperation
{
    public string Name => "jcs";

    public string Implementation => "Tradeproof Jcs.Canonicalize";

    public Action Prepare(string inputPath)
    {
        var bytes = File.ReadAllBytes(inputPath);
        return () => Jcs.Canonicalize(bytes);
    }
}

/// <summary>Writes the synthetic JCS inputs (<see cref="JsonBenchmarkData.Synthetic"/>): <c>peer jcs-write-synthetic <c>peer jcs-data &lt;folder&gt;</c> is not a timing.lt;folder<c>peer jcs-data &lt;folder&gt;</c> is not a timing.gt; --warmup-ms 0 --measure-ms 1</c> (its "timing" is of a no-op).</summary>
internal sealed class JcsDataPeerOperation : IPeerOperation
{
    public string Name => "jcs-write-synthetic";

    public string Implementation => "writes jcs-synthetic-<bytes>.json for <bytes> in 1000, 10000, 100000 into the folder named as the input";

    public Action Prepare(string inputPath)
    {
        Directory.CreateDirectory(inputPath);
        foreach (var size in new[] { 1_000, 10_000, 100_000 })
        {
            File.WriteAllBytes(Path.Combine(inputPath, $"jcs-synthetic-{size}.json"), JsonBenchmarkData.Synthetic(size));
        }

        return () => { };
    }
}

/// <summary>JCS of an already parsed value (the Node side: <c>canonicalize(value)</c> on a parsed object).</summary>
internal sealed class JcsParsedPeerOperation : IPeerOperation
{
    public string Name => "jcs-parsed";

    public string Implementation => "Tradeproof Jcs.Canonicalize(JsonElement)";

    public Action Prepare(string inputPath)
    {
        var element = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(inputPath)).RootElement;
        return () => Jcs.Canonicalize(element);
    }
}
