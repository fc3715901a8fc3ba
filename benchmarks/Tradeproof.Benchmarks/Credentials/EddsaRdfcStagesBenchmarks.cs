using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// Where the time of an eddsa-rdfc-2022 verification of the mill test report goes: the whole verify, then
/// each stage alone (strict parse, JSON-LD toRdf of the document and of the proof configuration, RDFC-1.0,
/// key resolution, the Ed25519 verification itself). <see cref="ToRdf_Document_NodeMap"/> is the spec's path
/// (node map, then deserialization) that <see cref="ToRdf_Document"/> skips for trees of node and value objects.
/// </summary>
[MemoryDiagnoser]
public class EddsaRdfcStagesBenchmarks
{
    private readonly DataIntegrityEngine _engine = new();
    private readonly ProofVerificationOptions _verify = new() { Resolver = DidVerificationMethodResolver.Local };
    private readonly byte[] _hash = new byte[64];
    private byte[] _document = null!;
    private byte[] _signed = null!;
    private byte[] _configuration = null!;
    private RdfDataset _dataset = null!;
    private KeyPair _key = null!;
    private byte[] _signature = null!;
    private string _method = null!;
    private ProofVerificationContext _suiteContext = null!;
    private ICryptosuite _suite = null!;
    private ProofVerificationContext _reserializedContext = null!;
    private System.Text.Json.JsonElement _signedRoot;

    [GlobalSetup]
    public void Setup()
    {
        _document = File.ReadAllBytes(MillTestReport.Path());
        _key = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _method = "did:key:" + _key.PublicKey.ToMultibase() + "#" + _key.PublicKey.ToMultibase();
        _signed = _engine.AddProof(_document, new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = _method }, _key);
        var proof = DataIntegrityProof.Parse(System.Text.Json.JsonDocument.Parse(_signed).RootElement.GetProperty("proof").GetRawText().Select(c => (byte)c).ToArray());
        using var doc = System.Text.Json.JsonDocument.Parse(_document);
        _configuration = proof.ToConfigurationUtf8(doc.RootElement.GetProperty("@context").Clone());
        _dataset = _engine.Transforms.ToRdf(_document);
        _signature = _key.Sign(_hash);
        _engine.Registry.TryGet("eddsa-rdfc-2022", out _suite);
        _suiteContext = new ProofVerificationContext
        {
            UnsecuredDocument = _document,
            Document = Tradeproof.Json.StrictJson.ParseElement(_document),
            Proof = proof,
            PublicKey = _key.PublicKey,
            Transforms = _engine.Transforms,
        };
        _signedRoot = Tradeproof.Json.StrictJson.ParseElement(_signed);
        var reserialized = DataIntegrityEngine.WithProofs(_signedRoot, null);
        _reserializedContext = new ProofVerificationContext
        {
            UnsecuredDocument = reserialized,
            Document = Tradeproof.Json.StrictJson.ParseElement(reserialized),
            Proof = proof,
            PublicKey = _key.PublicKey,
            Transforms = _engine.Transforms,
        };
    }

    [Benchmark]
    public object? Suite_VerifyProof_Reserialized() => _suite.VerifyProof(_reserializedContext);

    [Benchmark]
    public bool Verify_Parsed() => _engine.VerifyAsync(_signedRoot, _verify).AsTask().GetAwaiter().GetResult().Verified;

    [Benchmark]
    public object WithProofs_And_Parse() => Tradeproof.Json.StrictJson.ParseElement(DataIntegrityEngine.WithProofs(_signedRoot, null));

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true)]
    public bool Verify() => _engine.VerifyAsync(_signed, _verify).AsTask().GetAwaiter().GetResult().Verified;

    [Benchmark]
    public object? Suite_VerifyProof() => _suite.VerifyProof(_suiteContext);

    [Benchmark]
    public object StrictParse() => Tradeproof.Json.StrictJson.ParseElement(_signed);

    [Benchmark]
    public object ToRdf_Document() => _engine.Transforms.ToRdf(_document);

    [Benchmark]
    public object ToRdf_Document_NodeMap()
    {
        var run = new Tradeproof.JsonLd.JsonLdRun(_engine.Transforms.JsonLdOptions);
        var expanded = Tradeproof.JsonLd.JsonLdProcessor.ExpandCore(run, Tradeproof.JsonLd.Json.JsonTree.Parse(_document), null, null);
        var generator = new Tradeproof.JsonLd.NodeMap.BlankNodeIdGenerator();
        var nodeMap = Tradeproof.JsonLd.NodeMap.NodeMapGeneration.CreateNodeMap();
        Tradeproof.JsonLd.NodeMap.NodeMapGeneration.Generate(expanded, nodeMap, generator);
        return Tradeproof.JsonLd.ToRdf.RdfDeserialization.Deserialize(run, nodeMap, generator);
    }

    [Benchmark]
    public object ToRdf_ProofConfiguration() => _engine.Transforms.ToRdf(_configuration);

    [Benchmark]
    public object Canonicalize_ProofConfiguration() => _engine.Transforms.CanonicalizeRdf(_configuration, RdfcHashAlgorithm.Sha256);

    [Benchmark]
    public object Rdfc_Document() => _engine.Transforms.Canonicalize(_dataset, RdfcHashAlgorithm.Sha256);

    [Benchmark]
    public object Resolve() => _verify.Resolver.ResolveAsync(_method, ProofPurposes.AssertionMethod).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public bool Floor_Ed25519Verify() => _key.PublicKey.Verify(_hash, _signature);
}

internal static class MillTestReport
{
    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared", "design", "fixtures", "mill-test-report.json");
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Tradeproof.slnx")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/design/fixtures/mill-test-report.json not found beside the repository.");
    }
}
