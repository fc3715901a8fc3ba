using BenchmarkDotNet.Attributes;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Benchmarks.Encoding;

/// <summary>base58btc of keys and signatures: 32 bytes (Ed25519 public key) and 64 bytes (Ed25519 signature).</summary>
[MemoryDiagnoser]
public class Base58Benchmarks
{
    private byte[] _data = [];
    private string _encoded = string.Empty;

    [Params(32, 64)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Bytes];
        new Random(Bytes).NextBytes(_data);
        _encoded = Multibase.Encode(MultibaseEncoding.Base58Btc, _data);
    }

    [Benchmark(Description = "Multibase.Encode base58btc")]
    public string Encode() => Multibase.Encode(MultibaseEncoding.Base58Btc, _data);

    [Benchmark(Description = "Multibase.Decode base58btc")]
    public byte[] Decode() => Multibase.Decode(_encoded).Data;
}
