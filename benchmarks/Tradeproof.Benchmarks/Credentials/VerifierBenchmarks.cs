using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// The cost of the verifier pipeline (format detection, data model, dates, issuer and proof checks, receipt) over
/// the bare proof verification it wraps, on the mill test report (shared/design/fixtures/mill-test-report.json,
/// issuer set to the signing key's did:key): <see cref="CredentialVerifier.VerifyAsync(ReadOnlyMemory{byte}, VerificationRequest?, CancellationToken)"/>
/// against <see cref="DataIntegrityEngine.VerifyAsync(ReadOnlyMemory{byte}, ProofVerificationOptions, CancellationToken)"/> (eddsa-rdfc-2022, ecdsa-rdfc-2019 P-256) and against
/// <see cref="VcJose.VerifyCredentialAsync"/> (VC-JWT ES256). No network: did:key only, no status entry.
/// </summary>
[MemoryDiagnoser]
public class VerifierBenchmarks
{
    private static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly DataIntegrityEngine _engine = new();
    private readonly ProofVerificationOptions _proofOptions = new() { Resolver = DidVerificationMethodResolver.Local };
    private readonly JoseVerificationOptions _joseOptions = new() { Resolver = DidVerificationMethodResolver.Local };
    private readonly Dictionary<string, byte[]> _signed = new(StringComparer.Ordinal);
    private CredentialVerifier _verifier = null!;
    private KeyPair _ed25519 = null!;
    private KeyPair _p256 = null!;

    [Params("eddsa-rdfc-2022", "ecdsa-rdfc-2019/P-256", "VC-JWT/ES256")]
    public string Format { get; set; } = "eddsa-rdfc-2022";

    [GlobalSetup]
    public void Setup()
    {
        _ed25519 = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _p256 = KeyPair.FromSecretBytes(KeyType.P256, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _verifier = new CredentialVerifier(new VerifierOptions
        {
            Resolver = DidVerificationMethodResolver.Local,
            TimeProvider = new FixedClock(Created.AddDays(30)),
        });

        _signed["eddsa-rdfc-2022"] = _engine.AddProof(WithIssuer(_ed25519, out var edVm), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = edVm, Created = Created }, _ed25519);
        _signed["ecdsa-rdfc-2019/P-256"] = _engine.AddProof(WithIssuer(_p256, out var p256Vm), new ProofOptions { Cryptosuite = "ecdsa-rdfc-2019", VerificationMethod = p256Vm, Created = Created }, _p256);
        _signed["VC-JWT/ES256"] = System.Text.Encoding.ASCII.GetBytes(VcJose.IssueCredential(WithIssuer(_p256, out var kid), _p256, kid));

        // Every format must verify both ways before anything is measured (then the parameter is put back).
        var measured = Format;
        foreach (var format in _signed.Keys)
        {
            Format = format;
            var result = _verifier.VerifyAsync(_signed[format]).AsTask().GetAwaiter().GetResult();
            if (!result.Verified || !Direct())
            {
                var failed = result.Checks.FirstOrDefault(c => c.Outcome is CheckOutcome.Failed or CheckOutcome.Indeterminate);
                throw new InvalidOperationException($"{format} does not verify: {failed?.Name}: {failed?.Problems.FirstOrDefault()?.Detail}");
            }
        }

        Format = measured;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ed25519.Dispose();
        _p256.Dispose();
    }

    /// <summary>The whole pipeline: every check, the receipt.</summary>
    [Benchmark]
    public bool Pipeline() => _verifier.VerifyAsync(_signed[Format]).AsTask().GetAwaiter().GetResult().Verified;

    /// <summary>The proof alone: the Data Integrity engine, or the VC-JOSE verifier for the JWT.</summary>
    [Benchmark(Baseline = true)]
    public bool Direct() => Format.StartsWith("VC-JWT", StringComparison.Ordinal)
        ? VcJose.VerifyCredentialAsync(System.Text.Encoding.ASCII.GetString(_signed[Format]), _joseOptions).AsTask().GetAwaiter().GetResult().Verified
        : _engine.VerifyAsync(_signed[Format], _proofOptions).AsTask().GetAwaiter().GetResult().Verified;

    /// <summary>The mill test report with <c>issuer.id</c> set to the key's did:key; <paramref name="verificationMethod"/> is its key id.</summary>
    private static byte[] WithIssuer(KeyPair key, out string verificationMethod)
    {
        var did = "did:key:" + key.PublicKey.ToMultibase();
        verificationMethod = did + "#" + key.PublicKey.ToMultibase();
        var document = JsonNode.Parse(File.ReadAllBytes(MillTestReport.Path()))!.AsObject();
        if (document["issuer"] is JsonObject issuer)
        {
            issuer["id"] = did;
        }
        else
        {
            document["issuer"] = did;
        }

        return System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
