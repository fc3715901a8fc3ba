using BenchmarkDotNet.Attributes;
using Tradeproof.Dids;

namespace Tradeproof.Benchmarks.Dids;

/// <summary>
/// did:key resolution (parse, multibase and multicodec decoding, key checks, document) with no
/// cache. Target: under 5 µs. The X25519 key of an Ed25519 did:key is derived when keyAgreement is
/// first read: <see cref="Ed25519_Multikey_WithX25519"/> includes that cost.
/// </summary>
[MemoryDiagnoser]
public class DidKeyResolutionBenchmarks
{
    private const string Ed25519Did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    private const string P256Did = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
    private static readonly DidResolutionOptions NoDerivation = new() { EnableEncryptionKeyDerivation = false };
    private static readonly DidResolutionOptions Jwk = new() { PublicKeyFormat = DidKeyFormats.JsonWebKey2020 };
    private readonly DidResolver _resolver = DidResolver.Create();
    private readonly DidKeyResolver _key = new();

    [Benchmark(Baseline = true)]
    public DidResolutionResult Ed25519_Multikey() => _key.Resolve(Did.Parse(Ed25519Did));

    /// <summary>Also reads keyAgreement, which derives the X25519 key (computed on first use).</summary>
    [Benchmark]
    public VerificationRelationshipEntry Ed25519_Multikey_WithX25519() => _key.Resolve(Did.Parse(Ed25519Did)).DidDocument!.KeyAgreement[0];

    [Benchmark]
    public DidResolutionResult Ed25519_Multikey_NoX25519() => _key.Resolve(Did.Parse(Ed25519Did), NoDerivation);

    [Benchmark]
    public DidResolutionResult P256_Multikey() => _key.Resolve(Did.Parse(P256Did));

    [Benchmark]
    public DidResolutionResult P256_JsonWebKey2020() => _key.Resolve(Did.Parse(P256Did), Jwk);

    [Benchmark]
    public async Task<DidResolutionResult> Ed25519_ThroughFacade() => await _resolver.ResolveAsync(Ed25519Did);

    [Benchmark]
    public Did Parse_Only() => Did.Parse(Ed25519Did);
}
