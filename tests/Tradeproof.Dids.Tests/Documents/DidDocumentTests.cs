using System.Text.Json.Nodes;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids.Tests.Documents;

public class DidDocumentTests
{
    private const string Example = """
        {
          "@context": ["https://www.w3.org/ns/did/v1", {"@vocab": "https://example.org/#"}],
          "id": "did:web:example.com",
          "alsoKnownAs": ["https://example.com"],
          "controller": "did:web:example.com",
          "verificationMethod": [
            {"id": "#key-1", "type": "Multikey", "controller": "did:web:example.com", "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "revoked": "2030-01-01T00:00:00Z"},
            {"id": "did:web:example.com#key-2", "type": "JsonWebKey", "controller": "did:web:example.com", "publicKeyJwk": {"kty": "EC", "crv": "P-256", "x": "igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns", "y": "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}}
          ],
          "authentication": ["#key-1"],
          "assertionMethod": ["did:web:example.com#key-1", "did:web:example.com#key-2"],
          "keyAgreement": [{"id": "did:web:example.com#agree", "type": "Multikey", "controller": "did:web:example.com", "publicKeyMultibase": "z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p"}],
          "service": [{"id": "#files", "type": ["LinkedDomains", "Files"], "serviceEndpoint": {"origins": ["https://example.com"]}}],
          "extra": 1
        }
        """;

    [Fact]
    public void Reads_every_part_and_writes_the_same_json()
    {
        var document = DidDocument.Parse(Example);
        Assert.Equal("did:web:example.com", document.Id);
        Assert.Equal(2, document.Context.Count);
        Assert.Equal(["https://www.w3.org/ns/did/v1"], document.ContextUrls);
        Assert.Equal(["did:web:example.com"], document.Controller);
        Assert.Equal(2, document.VerificationMethod.Count);
        Assert.Equal("#key-1", Assert.Single(document.Authentication).Reference);
        Assert.Equal(2, document.AssertionMethod.Count);
        Assert.NotNull(Assert.Single(document.KeyAgreement).Embedded);
        Assert.Equal(["LinkedDomains", "Files"], Assert.Single(document.Service).Type);
        Assert.True(document.AdditionalProperties.ContainsKey("extra"));
        Assert.True(document.VerificationMethod[0].AdditionalProperties.ContainsKey("revoked"));

        var written = JsonNode.Parse(document.ToJson())!;
        Assert.True(JsonNode.DeepEquals(Sorted(JsonNode.Parse(Example)), Sorted(written)));
        Assert.Equal(document.ToJson(), DidDocument.Parse(document.ToJson(indented: true)).ToJson());
    }

    [Fact]
    public void Finds_methods_by_relative_or_absolute_id_and_checks_relationships()
    {
        var document = DidDocument.Parse(Example);
        var key1 = document.FindVerificationMethod("did:web:example.com#key-1");
        Assert.NotNull(key1);
        Assert.Same(key1, document.FindVerificationMethod("#key-1"));
        Assert.Equal(KeyType.Ed25519, key1.GetPublicKey().Type);
        Assert.Equal(KeyType.P256, document.FindVerificationMethod("#key-2")!.GetPublicKey().Type);
        Assert.Equal(KeyType.X25519, document.FindVerificationMethod("#agree")!.GetPublicKey().Type);
        Assert.Null(document.FindVerificationMethod("#nope"));

        Assert.True(document.IsAuthorized("did:web:example.com#key-1", VerificationRelationships.Authentication));
        Assert.True(document.IsAuthorized("#key-2", VerificationRelationships.AssertionMethod));
        Assert.False(document.IsAuthorized("#key-2", VerificationRelationships.Authentication));
        Assert.False(document.IsAuthorized("#key-1", VerificationRelationships.CapabilityInvocation));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"id": 5}""")]
    [InlineData("""{"id": "not a did"}""")]
    [InlineData("""{"id": "did:x:1", "id": "did:x:2"}""")]
    [InlineData("""{"id": "did:x:1", "verificationMethod": {}}""")]
    [InlineData("""{"id": "did:x:1", "verificationMethod": [{"id": "#k", "type": "Multikey"}]}""")]
    [InlineData("""{"id": "did:x:1", "verificationMethod": [{"id": "#k", "type": "JsonWebKey", "controller": "did:x:1", "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}}]}""")]
    [InlineData("""{"id": "did:x:1", "verificationMethod": [{"id": "#k", "type": "Multikey", "controller": "did:x:1", "secretKeyMultibase": "z3u2"}]}""")]
    [InlineData("""{"id": "did:x:1", "authentication": "#k"}""")]
    [InlineData("""{"id": "did:x:1", "authentication": [5]}""")]
    [InlineData("""{"id": "did:x:1", "controller": [5]}""")]
    [InlineData("""{"id": "did:x:1", "service": [{"id": "#s", "type": "T"}]}""")]
    [InlineData("""{"id": "did:x:1", "service": [{"id": "#s", "type": "T", "serviceEndpoint": 5}]}""")]
    [InlineData("""{"id": "did:x:1",""")]
    public void Malformed_documents_throw_a_document_error(string json)
    {
        Assert.Throws<DidDocumentException>(() => DidDocument.Parse(json));
    }

    [Fact]
    public void Malformed_utf8_or_a_lone_surrogate_in_a_string_throws_a_document_error()
    {
        // Found by the mutation fuzzer (tests/Tradeproof.Fuzzing.Tests, target did-document): reading the id threw
        // InvalidOperationException ("Cannot transcode invalid UTF-8") instead of the parser's typed error.
        byte[] json = [.. "{\"id\": \"did:x:"u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Throws<DidDocumentException>(() => DidDocument.Parse(json));
        Assert.Throws<DidDocumentException>(() => DidDocument.Parse("{\"id\": \"did:x:\\ud800\"}"));
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var json = "{\"id\":\"did:x:1\",\"extra\":" + new string('[', 100) + new string(']', 100) + "}";
        Assert.Throws<DidDocumentException>(() => DidDocument.Parse(json));
    }

    [Fact]
    public void Methods_without_a_readable_key_say_so()
    {
        var method = new VerificationMethod { Id = "did:x:1#k", Type = "Bls12381G2Key2020", Controller = "did:x:1", PublicKeyBase58 = "abc" };
        Assert.False(method.TryGetPublicKey(out _));
        Assert.Throws<KeyFormatException>(method.GetPublicKey);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
