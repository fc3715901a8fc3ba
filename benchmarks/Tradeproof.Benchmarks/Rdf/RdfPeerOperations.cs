using Tradeproof.Benchmarks.Peers;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Benchmarks.Rdf;

/// <summary>RDFC-1.0 of an already parsed dataset (the Node side: rdf-canonize on a parsed dataset).</summary>
internal sealed class RdfcPeerOperation : IPeerOperation
{
    public string Name => "rdfc";

    public string Implementation => "Tradeproof RDFC-1.0";

    public Action Prepare(string inputPath)
    {
        var dataset = NQuadsParser.Parse(File.ReadAllText(inputPath));
        return () => RdfCanonicalizer.Canonicalize(dataset);
    }
}

/// <summary>Parse the N-Quads text and canonicalize it, each time.</summary>
internal sealed class RdfcNQuadsPeerOperation : IPeerOperation
{
    public string Name => "rdfc-nq";

    public string Implementation => "Tradeproof N-Quads + RDFC-1.0";

    public Action Prepare(string inputPath)
    {
        var text = File.ReadAllText(inputPath);
        return () => RdfCanonicalizer.CanonicalizeNQuads(text);
    }
}

/// <summary>N-Quads parsing alone.</summary>
internal sealed class NQuadsParsePeerOperation : IPeerOperation
{
    public string Name => "nquads-parse";

    public string Implementation => "Tradeproof N-Quads parser";

    public Action Prepare(string inputPath)
    {
        var text = File.ReadAllText(inputPath);
        return () => NQuadsParser.Parse(text);
    }
}

/// <summary>Writes the credential-shaped inputs of the benchmarks as N-Quads files: <c>peer-data &lt;folder&gt; [sizes...]</c>.</summary>
internal static class RdfBenchmarkData
{
    public static readonly int[] DefaultSizes = [50, 68, 500, 5000];

    public static int Write(string folder, IEnumerable<int> sizes)
    {
        Directory.CreateDirectory(folder);
        foreach (var size in sizes)
        {
            var path = Path.Combine(folder, $"credentials-{size}.nq");
            File.WriteAllText(path, NQuadsSerializer.Serialize(CredentialDatasets.Generate(size)));
            Console.WriteLine(path);
        }

        return 0;
    }

    public static RdfDataset Load(string name) => NQuadsParser.Parse(File.ReadAllText(name));
}
