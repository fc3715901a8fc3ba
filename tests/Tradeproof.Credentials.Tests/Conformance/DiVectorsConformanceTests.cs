using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.Cryptosuites;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Tests.Conformance;

/// <summary>
/// The Data Integrity test vectors of w3c/vc-di-eddsa and w3c/vc-di-ecdsa (offline copy in di-vectors/):
/// for every vector set, the canonical document and canonical proof configuration byte for byte, the three
/// hashes, the proof value byte for byte for Ed25519 (deterministic) and a sign/verify round trip for ECDSA,
/// the published signature over the published hash, the signed document verifying through did:key, and a
/// tampered copy failing; plus the proof-set and proof-chain vectors reproduced proof by proof.
/// ecdsa-sd-2023 has its own class (DataIntegrity/EcdsaSd tests).
/// </summary>
public sealed class DiVectorsConformanceTests
{
    private static readonly SkipList Skips = SkipList.Load(
        Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.Credentials.Tests", "Conformance", "di-vectors.skip"));

    private static readonly DataIntegrityEngine Engine = new();

    private static readonly VectorSet[] Sets =
    [
        new("eddsa-rdfc-2022", "vc-di-eddsa", "eddsa-rdfc-2022", "DataInt", "unsigned.json", "keyPair.json"),
        new("eddsa-rdfc-2022/employ", "vc-di-eddsa", "eddsa-rdfc-2022/employ", "DataInt", "employmentAuth.json", "keyPair.json"),
        new("eddsa-jcs-2022", "vc-di-eddsa", "eddsa-jcs-2022", "JCS", "unsigned.json", "keyPair.json"),
        new("Ed25519Signature2020", "vc-di-eddsa", "Ed25519Signature2020", "EdSig", null, "keyPair.json"),
        new("ecdsa-rdfc-2019-p256", "vc-di-ecdsa", "ecdsa-rdfc-2019-p256", "ECDSAP256", "unsigned.json", "p256KeyPair.json"),
        new("ecdsa-rdfc-2019-p256/employ", "vc-di-ecdsa", "ecdsa-rdfc-2019-p256/employ", "ECDSAP256", "employmentAuth.json", "p256KeyPair.json"),
        new("ecdsa-rdfc-2019-p384", "vc-di-ecdsa", "ecdsa-rdfc-2019-p384", "ECDSAP384", "unsigned.json", "p384KeyPair.json"),
        new("ecdsa-rdfc-2019-p384/employ", "vc-di-ecdsa", "ecdsa-rdfc-2019-p384/employ", "ECDSAP384", "employmentAuth.json", "p384KeyPair.json"),
        new("ecdsa-jcs-2019-p256", "vc-di-ecdsa", "ecdsa-jcs-2019-p256", "JCSECDSAP256", "unsigned.json", "p256KeyPair.json"),
        new("ecdsa-jcs-2019-p384", "vc-di-ecdsa", "ecdsa-jcs-2019-p384", "JCSECDSAP384", "unsigned.json", "p384KeyPair.json"),
    ];

    private static readonly string[] SetChecks =
        ["canonical-document", "canonical-proof-config", "hashes", "published-signature", "proof-value", "verify-signed", "verify-tampered"];

    private static readonly string[] SetAndChainCases =
        ["proof-set/1", "proof-set/2", "proof-chain/1", "proof-chain/2", "proof-set/verify", "proof-chain/verify", "proof-chain/verify-broken-link", "proof-set/verify-one-bad-proof"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var set in Sets)
        {
            foreach (var check in SetChecks)
            {
                data.Add(set.Id + "#" + check);
            }
        }

        foreach (var id in SetAndChainCases)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Every_vector_set_folder_is_covered()
    {
        var eddsa = Directory.GetFiles(Root("vc-di-eddsa"), "canonDoc*.txt", SearchOption.AllDirectories);
        var ecdsa = Directory.GetFiles(Root("vc-di-ecdsa"), "canonDoc*.txt", SearchOption.AllDirectories);
        Assert.Equal(Sets.Length, eddsa.Length + ecdsa.Length);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => Check(id));

    private static void Check(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            CheckSetOrChain(id);
            return;
        }

        var set = Sets.Single(s => s.Id == id[..hash]);
        var check = id[(hash + 1)..];
        var suite = SuiteOf(set);
        using var key = set.Key();
        var rdfcHash = DataIntegrityCryptosuite.HashFor(key.Type);
        switch (check)
        {
            case "canonical-document":
                AssertSameText(set.Text("canonDoc"), suite.Canonicalize(Engine.Transforms, set.Unsigned(), rdfcHash, default));
                break;
            case "canonical-proof-config":
                AssertSameText(set.Text("proofCanon"), suite.Canonicalize(Engine.Transforms, set.Bytes("proofConfig", ".json"), rdfcHash, default));
                break;
            case "hashes":
            {
                var canonicalDocument = Encoding.UTF8.GetBytes(set.Text("canonDoc"));
                var canonicalConfig = Encoding.UTF8.GetBytes(set.Text("proofCanon"));
                Assert.Equal(set.Text("docHash").Trim(), Convert.ToHexStringLower(ProofTransforms.Hash(canonicalDocument, rdfcHash)));
                Assert.Equal(set.Text("proofHash").Trim(), Convert.ToHexStringLower(ProofTransforms.Hash(canonicalConfig, rdfcHash)));
                var combined = suite.HashData(Engine.Transforms, set.Unsigned(), set.Bytes("proofConfig", ".json"), rdfcHash, default);
                Assert.Equal(set.Text("combinedHash").Trim(), Convert.ToHexStringLower(combined));
                break;
            }

            case "published-signature":
            {
                var combined = Convert.FromHexString(set.Text("combinedHash").Trim());
                var signature = Convert.FromHexString(set.Text("sigHex").Trim());
                Assert.True(key.PublicKey.Verify(combined, signature));
                Assert.Equal(set.Text("sigBTC58").Trim(), Tradeproof.Cryptography.Encoding.Multibase.Encode(Tradeproof.Cryptography.Encoding.MultibaseEncoding.Base58Btc, signature));
                break;
            }

            case "proof-value":
            {
                var signed = Engine.AddProof(set.Unsigned(), OptionsFrom(set.Bytes("proofConfig", ".json")), key);
                var proof = ProofOf(signed);
                if (key.Type == KeyType.Ed25519)
                {
                    // Ed25519 is deterministic: the proof value is reproduced byte for byte.
                    Assert.Equal(set.Text("sigBTC58").Trim(), proof["proofValue"]!.GetValue<string>());
                }

                Assert.True(Verify(signed).Verified);
                break;
            }

            case "verify-signed":
            {
                var result = Verify(set.Bytes("signed", ".json"));
                Assert.True(result.Verified, string.Join("; ", result.Problems));
                break;
            }

            case "verify-tampered":
            {
                var node = JsonNode.Parse(set.Bytes("signed", ".json"))!;
                node["issuer"] = "https://attacker.example/issuer";
                var result = Verify(Encoding.UTF8.GetBytes(node.ToJsonString()));
                Assert.False(result.Verified);
                Assert.Equal(ProblemTypes.ProofVerificationError, Assert.Single(result.Problems).Type);
                break;
            }

            default:
                throw new InvalidOperationException("Unknown check " + check);
        }
    }

    private static void CheckSetOrChain(string id)
    {
        var folder = Path.Combine(Root("vc-di-eddsa"), "proof-set-chain");
        byte[] Read(string name) => File.ReadAllBytes(Path.Combine(folder, name + ".json"));
        KeyPair KeyOf(int n)
        {
            using var doc = JsonDocument.Parse(Read("multiKeyPairs"));
            return KeyPair.FromSecretMultibase(doc.RootElement.GetProperty("keyPair" + n).GetProperty("privateKeyMultibase").GetString()!);
        }

        string LastProofValue(byte[] signed)
        {
            var proof = JsonNode.Parse(signed)!["proof"]!;
            return (proof is JsonArray a ? a[^1]! : proof)["proofValue"]!.GetValue<string>();
        }

        void Reproduce(string input, string config, int keyNumber, string expected)
        {
            using var key = KeyOf(keyNumber);
            var signed = Engine.AddProof(Read(input), OptionsFrom(Read(config)), key);
            Assert.Equal(LastProofValue(Read(expected)), LastProofValue(signed));
            var result = Verify(signed);
            Assert.True(result.Verified, string.Join("; ", result.Problems));
        }

        switch (id)
        {
            case "proof-set/1":
                Reproduce("unsigned", "proofSetConfig1", 1, "signedProofSet1");
                break;
            case "proof-set/2":
                Reproduce("signedProofSet1", "proofSetConfig2", 2, "signedProofSet2");
                break;
            case "proof-chain/1":
                Reproduce("signedProofSet2", "proofChainConfig1", 3, "signedProofChain1");
                break;
            case "proof-chain/2":
                Reproduce("signedProofChain1", "proofChainConfig2", 4, "signedProofChain2");
                break;
            case "proof-set/verify":
            {
                var result = Verify(Read("signedProofSet2"));
                Assert.True(result.Verified, string.Join("; ", result.Problems));
                Assert.Equal(2, result.Proofs.Count);
                break;
            }

            case "proof-chain/verify":
            {
                var result = Verify(Read("signedProofChain2"));
                Assert.True(result.Verified, string.Join("; ", result.Problems));
                Assert.Equal(4, result.Proofs.Count);
                break;
            }

            case "proof-chain/verify-broken-link":
            {
                // Dropping a proof that a later proof names breaks the chain: reported, not thrown.
                var node = JsonNode.Parse(Read("signedProofChain2"))!;
                ((JsonArray)node["proof"]!).RemoveAt(0);
                var result = Verify(Encoding.UTF8.GetBytes(node.ToJsonString()));
                Assert.False(result.Verified);
                Assert.Contains(result.Problems, p => p.Title == "Unknown previous proof");
                break;
            }

            case "proof-set/verify-one-bad-proof":
            {
                var node = JsonNode.Parse(Read("signedProofSet2"))!;
                var second = node["proof"]![1]!;
                second["created"] = "2023-02-24T23:36:39Z";
                var result = Verify(Encoding.UTF8.GetBytes(node.ToJsonString()));
                Assert.False(result.Verified);
                Assert.True(result.Proofs[0].Verified);
                Assert.False(result.Proofs[1].Verified);
                break;
            }

            default:
                throw new InvalidOperationException("Unknown case " + id);
        }
    }

    private static DataIntegrityVerificationResult Verify(byte[] document) =>
        Engine.VerifyAsync(document, new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local }).AsTask().GetAwaiter().GetResult();

    private static DataIntegrityCryptosuite SuiteOf(VectorSet set)
    {
        using var config = JsonDocument.Parse(set.Bytes("proofConfig", ".json"));
        var root = config.RootElement;
        var name = root.TryGetProperty("cryptosuite", out var c) ? c.GetString()! : root.GetProperty("type").GetString()!;
        Assert.True(Engine.Registry.TryGet(name, out var suite));
        return (DataIntegrityCryptosuite)suite;
    }

    private static ProofOptions OptionsFrom(byte[] proofConfig)
    {
        using var doc = JsonDocument.Parse(proofConfig);
        var root = doc.RootElement;
        string? Str(string name) => root.TryGetProperty(name, out var v) ? v.GetString() : null;
        IReadOnlyList<string>? List(string name) => !root.TryGetProperty(name, out var v) ? null
            : v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(e => e.GetString()!)] : [v.GetString()!];
        return new ProofOptions
        {
            Cryptosuite = Str("cryptosuite") ?? Str("type")!,
            VerificationMethod = Str("verificationMethod")!,
            ProofPurpose = Str("proofPurpose")!,
            Created = DateTimeOffset.Parse(Str("created")!, System.Globalization.CultureInfo.InvariantCulture),
            Id = Str("id"),
            PreviousProof = List("previousProof"),
        };
    }

    private static JsonNode ProofOf(byte[] signed) => JsonNode.Parse(signed)!["proof"]!;

    private static void AssertSameText(string expected, ReadOnlyMemory<byte> actual)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(actual.Span));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), actual.ToArray());
    }

    private static string Root(string repository) => Tradeproof.Testing.Conformance.PathOf("di-vectors", repository, "TestVectors");

    private sealed record VectorSet(string Id, string Repository, string Folder, string Suffix, string? UnsignedFile, string KeyFile)
    {
        public string Path(string stem, string extension) => System.IO.Path.Combine(Root(Repository), Folder, stem + Suffix + extension);

        public string Text(string stem) => File.ReadAllText(Path(stem, ".txt"));

        public byte[] Bytes(string stem, string extension) => File.ReadAllBytes(Path(stem, extension));

        /// <summary>The unsigned input (Ed25519Signature2020's is the signed document without its proof: it adds a context).</summary>
        public byte[] Unsigned()
        {
            if (UnsignedFile is not null)
            {
                return File.ReadAllBytes(System.IO.Path.Combine(Root(Repository), UnsignedFile));
            }

            var node = JsonNode.Parse(Bytes("signed", ".json"))!.AsObject();
            node.Remove("proof");
            return Encoding.UTF8.GetBytes(node.ToJsonString());
        }

        public KeyPair Key()
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(Root(Repository), KeyFile)));
            var root = doc.RootElement;
            var secret = root.TryGetProperty("privateKeyMultibase", out var p) ? p : root.GetProperty("secretKeyMultibase");
            return KeyPair.FromSecretMultibase(secret.GetString()!);
        }
    }
}
