using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tradeproof.Json;

namespace Tradeproof.Benchmarks.Json;

/// <summary>JCS of the 3 KB credential, with strict parsing and System.Text.Json parsing for scale.</summary>
[MemoryDiagnoser]
public class JcsCredentialBenchmarks
{
    private byte[] _credential = [];

    [GlobalSetup]
    public void Setup() => _credential = JsonBenchmarkData.MillTestReport();

    [Benchmark(Baseline = true, Description = "Jcs.Canonicalize (mill test report)")]
    public byte[] Canonicalize() => Jcs.Canonicalize(_credential);

    [Benchmark(Description = "StrictJson.Validate (mill test report)")]
    public void StrictValidate() => StrictJson.Validate(_credential);

    [Benchmark(Description = "JsonDocument.Parse (mill test report, for scale)")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_credential);
        return document.RootElement.GetArrayLengthOrZero();
    }
}

/// <summary>How JCS grows with the document: synthetic credential-shaped documents of 10^3 to 10^6 bytes.</summary>
[MemoryDiagnoser]
public class JcsGrowthBenchmarks
{
    private byte[] _document = [];

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _document = JsonBenchmarkData.Synthetic(Bytes);

    [Benchmark(Description = "Jcs.Canonicalize")]
    public byte[] Canonicalize() => Jcs.Canonicalize(_document);
}

internal static class JsonElementExtensions
{
    public static int GetArrayLengthOrZero(this JsonElement element) => element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0;
}
