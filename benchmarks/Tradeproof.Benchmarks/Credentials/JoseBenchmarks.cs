using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// VC-JWT ES256 and EdDSA issue/verify of the mill test report (issuer set to the key's did:key) beside a bare ES256
/// / Ed25519 verify of the same signing input (target: ES256 verify at least 80% of the bare one), and SD-JWT VC
/// issue/present/verify.
/// </summary>
[MemoryDiagnoser]
public class JoseBenchmarks
{
    private readonly JoseVerificationOptions _options = new() { Resolver = DidVerificationMethodResolver.Local };
    private KeyPair _key = null!;
    private KeyPair _holder = null!;
    private byte[] _credential = null!;
    private string _kid = null!;
    private string _jwt = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private JsonObject _claims = null!;
    private string _sdJwt = null!;
    private string _presentation = null!;
    private SdJwtVerificationOptions _sdOptions = null!;
    private KeyPair _ed25519 = null!;
    private byte[] _edCredential = null!;
    private string _edKid = null!;
    private string _edJwt = null!;
    private byte[] _edSigningInput = null!;
    private byte[] _edSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = KeyPair.FromSecretBytes(KeyType.P256, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _holder = KeyPair.FromSecretBytes(KeyType.P256, Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        var did = "did:key:" + _key.PublicKey.ToMultibase();
        _kid = did + "#" + _key.PublicKey.ToMultibase();
        var document = JsonNode.Parse(File.ReadAllBytes(MillTestReport.Path()))!.AsObject();
        document["issuer"] = did;
        _credential = System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
        _jwt = VcJose.IssueCredential(_credential, _key, _kid);
        _signingInput = System.Text.Encoding.ASCII.GetBytes(_jwt[.._jwt.LastIndexOf('.')]);
        Base64UrlStrict.TryDecode(_jwt.AsSpan(_jwt.LastIndexOf('.') + 1), out _signature);
        if (!VcJose.VerifyCredentialAsync(_jwt, _options).AsTask().GetAwaiter().GetResult().Verified)
        {
            throw new InvalidOperationException("VC-JWT does not verify.");
        }

        _ed25519 = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(3, 32).Select(i => (byte)i).ToArray());
        var edDid = "did:key:" + _ed25519.PublicKey.ToMultibase();
        _edKid = edDid + "#" + _ed25519.PublicKey.ToMultibase();
        var edDocument = document.DeepClone().AsObject();
        edDocument["issuer"] = edDid;
        _edCredential = System.Text.Encoding.UTF8.GetBytes(edDocument.ToJsonString());
        _edJwt = VcJose.IssueCredential(_edCredential, _ed25519, _edKid);
        _edSigningInput = System.Text.Encoding.ASCII.GetBytes(_edJwt[.._edJwt.LastIndexOf('.')]);
        Base64UrlStrict.TryDecode(_edJwt.AsSpan(_edJwt.LastIndexOf('.') + 1), out _edSignature);
        if (!VcJose.VerifyCredentialAsync(_edJwt, _options).AsTask().GetAwaiter().GetResult().Verified)
        {
            throw new InvalidOperationException("VC-JWT EdDSA does not verify.");
        }

        _claims = new JsonObject
        {
            ["iss"] = did,
            ["vct"] = "https://trade.example/mill-test-report",
            ["credentialSubject"] = document["credentialSubject"]!.DeepClone(),
        };
        _sdJwt = IssueSd();
        _presentation = Present();
        _sdOptions = new SdJwtVerificationOptions { Jose = _options with { ExpectedNonce = "n", ExpectedAudience = "https://verifier.example" } };
        if (!SdJwt.VerifyAsync(_presentation, _sdOptions).AsTask().GetAwaiter().GetResult().Verified)
        {
            throw new InvalidOperationException("SD-JWT does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _holder.Dispose();
        _ed25519.Dispose();
    }

    [Benchmark]
    public string VcJwtIssueEs256() => VcJose.IssueCredential(_credential, _key, _kid);

    [Benchmark]
    public bool VcJwtVerifyEs256() => VcJose.VerifyCredentialAsync(_jwt, _options).AsTask().GetAwaiter().GetResult().Verified;

    [Benchmark(Baseline = true)]
    public bool BareEs256Verify() => _key.PublicKey.Verify(_signingInput, _signature);

    [Benchmark]
    public string VcJwtIssueEdDsa() => VcJose.IssueCredential(_edCredential, _ed25519, _edKid);

    [Benchmark]
    public bool VcJwtVerifyEdDsa() => VcJose.VerifyCredentialAsync(_edJwt, _options).AsTask().GetAwaiter().GetResult().Verified;

    /// <summary>The floor of EdDSA verify: one Ed25519 verification of the same signing input.</summary>
    [Benchmark]
    public bool BareEd25519Verify() => _ed25519.PublicKey.Verify(_edSigningInput, _edSignature);

    [Benchmark]
    public string SdJwtIssue() => IssueSd();

    [Benchmark]
    public string SdJwtPresent() => Present();

    [Benchmark]
    public bool SdJwtVerify() => SdJwt.VerifyAsync(_presentation, _sdOptions).AsTask().GetAwaiter().GetResult().Verified;

    private string IssueSd() => SdJwt.Issue(_claims, _key, new SdJwtIssueOptions
    {
        Kid = _kid,
        Random = SystemRandomSource.Instance,
        Disclosable = ["/credentialSubject/id"],
        HolderKey = _holder.PublicKey,
    });

    private string Present() => SdJwt.Present(_sdJwt, _ => true, _holder, "n", "https://verifier.example");
}
