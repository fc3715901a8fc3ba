using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Ecdsa;

namespace Tradeproof.Benchmarks.Cryptography;

/// <summary>
/// ECDSA sign and verify through our layer (range and low-S checks, P1363) next to the bare
/// .NET ECDsa calls with the same key: the difference is our overhead.
/// </summary>
[MemoryDiagnoser]
public class EcdsaBenchmarks
{
    private readonly byte[] _message = new byte[64];
    private KeyPair _pair = null!;
    private ECDsa _bare = null!;
    private byte[] _signature = null!;
    private HashAlgorithmName _hash;

    [Params(KeyType.P256, KeyType.P384, KeyType.Secp256k1)]
    public KeyType Curve { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_message);
        _pair = KeyPair.Generate(Curve);
        var curve = EcCurve.For(Curve);
        _hash = curve.Hash;
        _bare = ECDsa.Create(new ECParameters
        {
            Curve = curve.Curve,
            D = _pair.ExportSecretBytes(),
            Q = new ECPoint { X = curve.ToField(_pair.PublicKey.X), Y = curve.ToField(_pair.PublicKey.Y) },
        });
        _signature = _pair.Sign(_message);
        _pair.PublicKey.Verify(_message, _signature); // builds the cached verifier
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pair.Dispose();
        _bare.Dispose();
    }

    [Benchmark]
    public byte[] Sign_Tradeproof() => _pair.Sign(_message);

    [Benchmark]
    public byte[] Sign_BareDotNet() => _bare.SignData(_message, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark]
    public bool Verify_Tradeproof() => _pair.PublicKey.Verify(_message, _signature);

    [Benchmark(Baseline = true)]
    public bool Verify_BareDotNet() => _bare.VerifyData(_message, _signature, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
