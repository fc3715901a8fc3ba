using BenchmarkDotNet.Attributes;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Ed25519;
using Tradeproof.Cryptography.Native;

namespace Tradeproof.Benchmarks.Cryptography;

/// <summary>
/// Ed25519 sign and verify through our layer (strict checks + default backend) next to the bare
/// library calls: the difference is our overhead. Target: our verify within 10% of bare libsodium.
/// </summary>
[MemoryDiagnoser]
public class Ed25519Benchmarks
{
    private readonly byte[] _message = new byte[64];
    private KeyPair _pair = null!;
    private byte[] _publicKey = null!;
    private byte[] _secretKey = null!;
    private byte[] _signature = null!;
    private byte[] _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_message);
        _pair = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        _publicKey = _pair.PublicKey.Bytes.ToArray();
        _secretKey = [.. _pair.ExportSecretBytes(), .. _publicKey];
        _signature = _pair.Sign(_message);
        _output = new byte[64];
    }

    [GlobalCleanup]
    public void Cleanup() => _pair.Dispose();

    [Benchmark]
    public byte[] Sign_Tradeproof() => _pair.Sign(_message);

    [Benchmark]
    public int Sign_BareLibsodium() => LibsodiumInterop.CryptoSignDetached(_output, out _, _message, (ulong)_message.Length, _secretKey);

    [Benchmark]
    public bool Verify_Tradeproof() => _pair.PublicKey.Verify(_message, _signature);

    [Benchmark(Baseline = true)]
    public bool Verify_BareLibsodium() => LibsodiumInterop.CryptoSignVerifyDetached(_signature, _message, (ulong)_message.Length, _publicKey) == 0;

    [Benchmark]
    public bool Verify_TradeproofOpenSsl() => Ed25519Algorithm.Verify(OpenSslEd25519.Instance, _publicKey, _message, _signature);

    [Benchmark]
    public bool Verify_BareOpenSsl() => OpenSslEd25519.Instance.Verify(_publicKey, _message, _signature);
}
