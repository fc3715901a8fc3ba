using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Cryptography;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// ecdsa-sd-2023 on the mill test report credential: issue a base proof (issuer and subject identity mandatory;
/// one ECDSA P-256 signature per non-mandatory quad), derive a disclosure of three claims (holder), verify the
/// derived proof through the engine (verifier, did:key); beside the bare P-256 verification (the floor).
/// </summary>
[MemoryDiagnoser]
public class EcdsaSdBenchmarks
{
    private static readonly string[] Mandatory = ["/issuer", "/credentialSubject/id"];
    private static readonly string[] Selective = ["/credentialSubject/heatNumber", "/credentialSubject/countryOfMelt", "/credentialSubject/conformityStatement"];

    private readonly ProofVerificationOptions _verify = new() { Resolver = DidVerificationMethodResolver.Local };
    private readonly byte[] _hash = new byte[64];
    private DataIntegrityEngine _engine = null!;
    private KeyPair _p256 = null!;
    private ProofOptions _options = null!;
    private byte[] _document = null!;
    private byte[] _base = null!;
    private byte[] _derived = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = File.ReadAllBytes(MillTestReport.Path());
        _engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { Registry = new CryptosuiteRegistry().Add(new EcdsaSd2023Cryptosuite(Mandatory)) });
        _p256 = KeyPair.FromSecretBytes(KeyType.P256, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var did = "did:key:" + _p256.PublicKey.ToMultibase();
        _options = new ProofOptions { Cryptosuite = EcdsaSd2023Cryptosuite.SuiteName, VerificationMethod = did + "#" + _p256.PublicKey.ToMultibase(), Created = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero) };
        _base = _engine.AddProof(_document, _options, _p256);
        _derived = EcdsaSd2023.Derive(_base, Selective);
        _signature = _p256.Sign(_hash);
        if (!Verify())
        {
            throw new InvalidOperationException("The derived ecdsa-sd-2023 credential does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _p256.Dispose();

    [Benchmark]
    public byte[] IssueBase() => _engine.AddProof(_document, _options, _p256);

    [Benchmark]
    public byte[] Derive() => EcdsaSd2023.Derive(_base, Selective);

    [Benchmark]
    public bool Verify() => _engine.VerifyAsync(_derived, _verify).AsTask().GetAwaiter().GetResult().Verified;

    /// <summary>The floor: one P-256 verification of 64 bytes.</summary>
    [Benchmark]
    public bool Floor_P256Verify() => _p256.PublicKey.Verify(_hash, _signature);
}
