using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Benchmarks.Cryptography;

/// <summary>
/// SHA-256 of one buffer at the sizes a submission's verification hashes (docs/performance.md, tenth session: 105
/// inputs per submission, most 100 B - 2 KB, the graph names' first-degree hashes ~7.5 KB, the presentation's canonical
/// N-Quads ~45 KB): .NET's one-shot, a reused <see cref="IncrementalHash"/> (what RDFC-1.0 used), libsodium's
/// <c>crypto_hash_sha256</c> (portable C, no SHA-NI) and <see cref="Sha256"/> (OpenSSL's SHA256_* directly).
/// </summary>
[MemoryDiagnoser]
public class Sha256Benchmarks
{
    private readonly byte[] _digest = new byte[32];
    private byte[] _input = null!;
    private IncrementalHash _incremental = null!;

    [Params(136, 900, 7485, 45037)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        new Random(7).NextBytes(_input);
        _incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        Sha256.Hash(_input, a);
        SHA256.HashData(_input, b);
        if (!a.SequenceEqual(b) || Libsodium() != 0 || !_digest.AsSpan().SequenceEqual(b))
        {
            throw new InvalidOperationException("The SHA-256 implementations disagree.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _incremental.Dispose();

    [Benchmark(Baseline = true)]
    public int DotNetOneShot() => SHA256.HashData(_input, _digest);

    [Benchmark]
    public int DotNetIncrementalReused()
    {
        _incremental.AppendData(_input);
        return _incremental.GetHashAndReset(_digest);
    }

    [Benchmark]
    public int Libsodium() => Tradeproof.Cryptography.Native.LibsodiumInterop.CryptoHashSha256(_digest, _input, (ulong)_input.Length);

    [Benchmark]
    public byte OpenSslDirect()
    {
        Sha256.Hash(_input, _digest);
        return _digest[0];
    }
}
