using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// Issue (add a proof) and verify of the mill test report credential (shared/design/fixtures/mill-test-report.json)
/// per cryptosuite, through the whole engine (strict parse, did:key resolution, JSON-LD safe mode, RDFC or JCS,
/// hashing, signature), beside the bare signature operations (the floor). Target: eddsa-rdfc-2022 verify
/// at least 5,000/s on one core.
/// </summary>
[MemoryDiagnoser]
public class DataIntegrityBenchmarks
{
    private readonly DataIntegrityEngine _engine = new();
    private readonly ProofVerificationOptions _verify = new() { Resolver = DidVerificationMethodResolver.Local };
    private readonly byte[] _hash = new byte[64];
    private byte[] _document = null!;
    private KeyPair _ed25519 = null!;
    private KeyPair _p256 = null!;
    private KeyPair _p384 = null!;
    private byte[] _ed25519Signature = null!;
    private byte[] _p256Signature = null!;
    private byte[] _p384Signature = null!;
    private readonly Dictionary<string, (KeyPair Key, ProofOptions Options, byte[] Signed)> _suites = [];

    [Params("eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019/P-256", "ecdsa-rdfc-2019/P-384", "ecdsa-jcs-2019/P-256", "ecdsa-jcs-2019/P-384", "Ed25519Signature2020", "JsonWebSignature2020/Ed25519")]
    public string Suite { get; set; } = "eddsa-rdfc-2022";

    [GlobalSetup]
    public void Setup()
    {
        _document = File.ReadAllBytes(MillTestReport.Path());
        _ed25519 = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _p256 = KeyPair.FromSecretBytes(KeyType.P256, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _p384 = KeyPair.FromSecretBytes(KeyType.P384, Enumerable.Range(1, 48).Select(i => (byte)i).ToArray());
        _ed25519Signature = _ed25519.Sign(_hash);
        _p256Signature = _p256.Sign(_hash);
        _p384Signature = _p384.Sign(_hash);
        foreach (var (name, suite, key) in new[]
        {
            ("eddsa-rdfc-2022", "eddsa-rdfc-2022", _ed25519), ("eddsa-jcs-2022", "eddsa-jcs-2022", _ed25519),
            ("ecdsa-rdfc-2019/P-256", "ecdsa-rdfc-2019", _p256), ("ecdsa-rdfc-2019/P-384", "ecdsa-rdfc-2019", _p384),
            ("ecdsa-jcs-2019/P-256", "ecdsa-jcs-2019", _p256), ("ecdsa-jcs-2019/P-384", "ecdsa-jcs-2019", _p384),
            ("Ed25519Signature2020", "Ed25519Signature2020", _ed25519),
            ("JsonWebSignature2020/Ed25519", "JsonWebSignature2020", _ed25519),
        })
        {
            var did = "did:key:" + key.PublicKey.ToMultibase();
            var options = new ProofOptions { Cryptosuite = suite, VerificationMethod = did + "#" + key.PublicKey.ToMultibase(), Created = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero) };
            var document = suite == "Ed25519Signature2020" ? WithContext(_document, "https://w3id.org/security/suites/ed25519-2020/v1") : _document;
            var signed = _engine.AddProof(document, options, key);
            _suites[name] = (key, options, signed);
            if (!_engine.VerifyAsync(signed, _verify).AsTask().GetAwaiter().GetResult().Verified)
            {
                throw new InvalidOperationException(name + " does not verify.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ed25519.Dispose();
        _p256.Dispose();
        _p384.Dispose();
    }

    [Benchmark]
    public bool Verify() => _engine.VerifyAsync(_suites[Suite].Signed, _verify).AsTask().GetAwaiter().GetResult().Verified;

    [Benchmark]
    public byte[] Issue()
    {
        var (key, options, _) = _suites[Suite];
        return _engine.AddProof(_document, options, key);
    }

    /// <summary>The floor: one Ed25519 verification of 64 bytes (what eddsa verify must do at least).</summary>
    [Benchmark]
    public bool Floor_Ed25519Verify() => _ed25519.PublicKey.Verify(_hash, _ed25519Signature);

    /// <summary>The floor: one P-256 verification of 64 bytes.</summary>
    [Benchmark]
    public bool Floor_P256Verify() => _p256.PublicKey.Verify(_hash, _p256Signature);

    /// <summary>The floor: one P-384 verification of 64 bytes.</summary>
    [Benchmark]
    public bool Floor_P384Verify() => _p384.PublicKey.Verify(_hash, _p384Signature);

    private static byte[] WithContext(byte[] document, string context)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(document)!;
        node["@context"]!.AsArray().Add(context);
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
