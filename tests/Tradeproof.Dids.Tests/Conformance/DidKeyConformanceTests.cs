using System.Text.Json.Nodes;
using Tradeproof.Cryptography;
using Tradeproof.Testing;
using ConformanceData = Tradeproof.Testing.Conformance;

namespace Tradeproof.Dids.Tests.Conformance;

/// <summary>
/// The did:key test vectors (../shared/conformance/did-key): each DID of the JSON vector files is
/// resolved with the publicKeyFormat its document uses and must give that document (compared as
/// JSON, member order ignored); its seed or private key, when given, must derive the DID's key.
/// The spec appendix DIDs must resolve to Multikey documents; the Ed25519+X25519 one must match
/// the spec's document exactly. Case ids are <c>file/multibase-value</c> (no colon: the skip
/// file separates id and reason by the first colon).
/// </summary>
public class DidKeyConformanceTests
{
    private static readonly SkipList Skips = SkipList.Load(Path.Combine(ConformanceData.RepositoryRoot, "tests", "Tradeproof.Dids.Tests", "Conformance", "did-key.skip"));

    private static readonly Lazy<Dictionary<string, JsonObject>> Vectors = new(LoadVectors);

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var id in Vectors.Value.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(id);
            }

            foreach (var did in SpecDids())
            {
                data.Add("spec/" + did["did:key:".Length..]);
            }

            data.Add("spec/spec-example-ed25519-x25519-multikey.json");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector(string id) => Skips.Run(id, () =>
    {
        if (id.StartsWith("spec/", StringComparison.Ordinal))
        {
            RunSpecCase(id["spec/".Length..]);
        }
        else
        {
            RunVector(id, Vectors.Value[id]);
        }
    });

    [Fact]
    public void Every_skip_entry_names_a_case()
    {
        var cases = new HashSet<string>(StringComparer.Ordinal);
        foreach (string row in Cases)
        {
            cases.Add(row);
        }

        Assert.All(Skips.Reasons.Keys, key => Assert.Contains(key, cases));
    }

    private static void RunVector(string id, JsonObject vector)
    {
        var did = "did:key:" + id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var expected = vector["didDocument"]!.AsObject();
        var methodType = expected["verificationMethod"]![0]!["type"]!.GetValue<string>();
        var format = methodType switch
        {
            "JsonWebKey2020" => DidKeyFormats.JsonWebKey2020,
            "Multikey" => DidKeyFormats.Multikey,
            "Ed25519VerificationKey2020" => DidKeyFormats.Ed25519VerificationKey2020,
            _ => DidKeyFormats.Ed25519VerificationKey2018,
        };

        var result = new DidKeyResolver().Resolve(Did.Parse(did), new DidResolutionOptions { PublicKeyFormat = format });
        Assert.True(result.IsSuccess, result.Error + ": " + result.DidResolutionMetadata.ErrorMessage);
        AssertJsonEqual(expected, JsonNode.Parse(result.DidDocument!.ToJson())!);

        // The key material of the vector derives the DID's key.
        var key = result.DidDocument!.VerificationMethod[0].GetPublicKey();
        if (vector["seed"] is { } seed && key.Type != KeyType.X25519)
        {
            using var pair = KeyPair.FromSecretBytes(key.Type, Convert.FromHexString(seed.GetValue<string>()));
            Assert.Equal(key, pair.PublicKey);
        }

        var privateJwk = vector["verificationKeyPair"]?["privateKeyJwk"] ?? vector["verificationMethod"]?["privateKeyJwk"] ?? vector["privateKeyJwk"];
        if (privateJwk is not null)
        {
            using var pair = KeyPair.FromJwk(Jwk.Parse(privateJwk.ToJsonString()));
            Assert.Equal(key, pair.PublicKey);
        }
    }

    private static void RunSpecCase(string name)
    {
        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            var expected = JsonNode.Parse(File.ReadAllText(ConformanceData.PathOf("did-key", name)))!;
            var did = expected["id"]!.GetValue<string>();
            var result = new DidKeyResolver().Resolve(Did.Parse(did));
            Assert.True(result.IsSuccess, result.Error);
            AssertJsonEqual(expected, JsonNode.Parse(result.DidDocument!.ToJson())!);
            return;
        }

        var didUrl = DidUrl.Parse("did:key:" + name);
        var resolution = new DidKeyResolver().Resolve(didUrl.Did);
        Assert.True(resolution.IsSuccess, resolution.Error + ": " + resolution.DidResolutionMetadata.ErrorMessage);
        var document = resolution.DidDocument!;
        Assert.Equal(DidDocument.DidContextV11, Assert.Single(document.ContextUrls));
        var method = Assert.Single(document.VerificationMethod);
        Assert.Equal(VerificationMethod.MultikeyType, method.Type);
        Assert.Equal(didUrl.Did.MethodSpecificId, method.GetPublicKey().ToMultibase());
        if (didUrl.Fragment is not null)
        {
            // A DID URL of the appendix: the derived X25519 key agreement method.
            var agreement = document.FindVerificationMethod(didUrl.ToString());
            Assert.NotNull(agreement);
            Assert.True(document.IsAuthorized(agreement.Id, VerificationRelationships.KeyAgreement));
        }
    }

    private static void AssertJsonEqual(JsonNode expected, JsonNode actual)
    {
        Assert.True(JsonNode.DeepEquals(Normalize(expected), Normalize(actual)), $"Expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
    }

    /// <summary>Objects with members sorted, so member order does not matter.</summary>
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    private static Dictionary<string, JsonObject> LoadVectors()
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(ConformanceData.PathOf("did-key", "test-vectors"), "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var name = Path.GetFileName(file);
            if (root.Count == 1 && root["didDocument"] is JsonObject nested)
            {
                // x25519.json nests its documents under "didDocument".
                foreach (var (did, document) in nested)
                {
                    result[name + "/" + did["did:key:".Length..]] = new JsonObject { ["didDocument"] = document!.DeepClone() };
                }

                continue;
            }

            foreach (var (did, vector) in root)
            {
                result[name + "/" + did["did:key:".Length..]] = vector!.AsObject();
            }
        }

        return result;
    }

    private static IEnumerable<string> SpecDids() =>
        File.ReadLines(ConformanceData.PathOf("did-key", "spec-test-vector-dids.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim());
}
