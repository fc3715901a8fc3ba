using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Dids.Tests.Methods;

public class DidKeyTests
{
    public static TheoryData<KeyType> SigningTypes => new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 };

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public async Task Created_dids_resolve_to_their_key_in_every_format(KeyType type)
    {
        using var pair = KeyPair.Generate(type);
        var did = DidKey.Create(pair.PublicKey);
        var resolver = DidResolver.Create();
        foreach (var format in new[] { DidKeyFormats.Multikey, DidKeyFormats.JsonWebKey2020, DidKeyFormats.Ed25519VerificationKey2020 })
        {
            var result = await resolver.ResolveAsync(did.ToString(), new DidResolutionOptions { PublicKeyFormat = format });
            Assert.True(result.IsSuccess, result.Error);
            var method = result.DidDocument!.VerificationMethod[0];
            Assert.Equal(pair.PublicKey, method.GetPublicKey());
            Assert.True(result.DidDocument.IsAuthorized(method.Id, VerificationRelationships.AssertionMethod));

            // Dereferencing the method's DID URL gives the method, and its key verifies our signature.
            var dereferenced = await resolver.ResolveVerificationMethodAsync(method.Id, VerificationRelationships.AssertionMethod);
            Assert.True(dereferenced.IsSuccess, dereferenced.ErrorMessage);
            Assert.True(dereferenced.VerificationMethod!.GetPublicKey().Verify("m"u8, pair.Sign("m"u8)));
        }
    }

    [Fact]
    public void Ed25519_documents_derive_the_x25519_key_only_when_enabled()
    {
        var did = Did.Parse("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        var with = new DidKeyResolver().Resolve(did).DidDocument!;
        Assert.Equal("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", Assert.Single(with.KeyAgreement).Id);
        var without = new DidKeyResolver(new DidKeyOptions { EnableEncryptionKeyDerivation = false }).Resolve(did).DidDocument!;
        Assert.Empty(without.KeyAgreement);
        var perCall = new DidKeyResolver().Resolve(did, new DidResolutionOptions { EnableEncryptionKeyDerivation = false }).DidDocument!;
        Assert.Empty(perCall.KeyAgreement);
    }

    [Theory]
    [InlineData("did:key:6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", DidErrorCodes.InvalidDid)]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do0", DidErrorCodes.InvalidPublicKey)]
    [InlineData("did:key:z", DidErrorCodes.InvalidDid)]
    [InlineData("did:key:1:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", DidErrorCodes.InvalidDid)]
    [InlineData("did:key:mO0E", DidErrorCodes.InvalidDid)]
    [InlineData("did:key:", DidErrorCodes.InvalidDid)]
    [InlineData("did:key:z6Mk#x", DidErrorCodes.InvalidDid)]
    public async Task Malformed_did_keys_give_error_codes(string did, string code)
    {
        var result = await DidResolver.Create().ResolveAsync(did);
        Assert.False(result.IsSuccess);
        Assert.Null(result.DidDocument);
        Assert.Equal(code, result.Error);
    }

    [Fact]
    public async Task Wrong_lengths_and_unsupported_codecs_give_their_codes()
    {
        var resolver = DidResolver.Create();
        var short25519 = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.Ed25519Pub, new byte[31]));
        Assert.Equal(DidErrorCodes.InvalidPublicKeyLength, (await resolver.ResolveAsync(short25519)).Error);
        var longP256 = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.P256Pub, new byte[34]));
        Assert.Equal(DidErrorCodes.InvalidPublicKeyLength, (await resolver.ResolveAsync(longP256)).Error);
        var offCurve = new byte[33];
        offCurve.AsSpan().Fill(0xff);
        offCurve[0] = 2; // x = 2^256 - 1 is not below p
        var badPoint = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.P256Pub, offCurve));
        Assert.Equal(DidErrorCodes.InvalidPublicKey, (await resolver.ResolveAsync(badPoint)).Error);
        var smallOrder = new byte[32];
        smallOrder[0] = 1;
        var identity = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.Ed25519Pub, smallOrder));
        Assert.Equal(DidErrorCodes.InvalidPublicKey, (await resolver.ResolveAsync(identity)).Error);
        var rsa = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.RsaPub, new byte[270]));
        Assert.Equal(DidErrorCodes.UnsupportedPublicKeyType, (await resolver.ResolveAsync(rsa)).Error);
        var secret = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.Ed25519Priv, new byte[32]));
        Assert.Equal(DidErrorCodes.UnsupportedPublicKeyType, (await resolver.ResolveAsync(secret)).Error);
    }

    [Fact]
    public async Task An_off_curve_ed25519_key_gives_invalid_public_key()
    {
        // y = 2 is not the y coordinate of any Ed25519 point: (y^2 - 1) / (d·y^2 + 1) is not a square mod p.
        var offCurve = new byte[32];
        offCurve[0] = 2;
        var did = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.Ed25519Pub, offCurve));
        var result = await DidResolver.Create().ResolveAsync(did);
        Assert.False(result.IsSuccess);
        Assert.Null(result.DidDocument);
        Assert.Equal(DidErrorCodes.InvalidPublicKey, result.Error);
        Assert.Equal(DidErrorCodes.InvalidPublicKey, new DidKeyResolver().Resolve(Did.Parse(did)).Error);
    }

    [Fact]
    public async Task Resolver_level_errors()
    {
        var resolver = DidResolver.Create();
        Assert.Equal(DidErrorCodes.InvalidDid, (await resolver.ResolveAsync("not a did")).Error);
        Assert.Equal(DidErrorCodes.MethodNotSupported, (await resolver.ResolveAsync("did:example:123")).Error);
        Assert.Equal(DidErrorCodes.MethodNotSupported, (await resolver.ResolveAsync("did:web:example.com")).Error);
        var did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        Assert.Equal(DidErrorCodes.RepresentationNotSupported, (await resolver.ResolveAsync(did, new DidResolutionOptions { Accept = "application/did+cbor" })).Error);
        Assert.Equal(DidMediaTypes.DidLdJson, (await resolver.ResolveAsync(did, new DidResolutionOptions { Accept = DidMediaTypes.DidLdJson })).DidResolutionMetadata.ContentType);
        Assert.Equal(DidErrorCodes.UnsupportedPublicKeyType, (await resolver.ResolveAsync(did, new DidResolutionOptions { PublicKeyFormat = "Bls12381G2Key2020" })).Error);
    }

    [Fact]
    public async Task A_throwing_method_resolver_becomes_internalError()
    {
        var resolver = new DidResolver([new ThrowingResolver()]);
        var result = await resolver.ResolveAsync("did:boom:1");
        Assert.Equal(DidErrorCodes.InternalError, result.Error);
    }

    [Fact]
    public async Task Dereferencing_fragments_and_errors()
    {
        var resolver = DidResolver.Create();
        const string did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        Assert.NotNull((await resolver.DereferenceAsync(did)).Document);
        var agreement = await resolver.DereferenceAsync(did + "#z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p");
        Assert.Equal("Multikey", agreement.VerificationMethod!.Type);
        Assert.Equal(DidErrorCodes.NotFound, (await resolver.DereferenceAsync(did + "#nope")).Error);
        Assert.Equal(DidErrorCodes.NotFound, (await resolver.DereferenceAsync(did + "/path")).Error);
        Assert.Equal(DidErrorCodes.InvalidDidUrl, (await resolver.DereferenceAsync(did + "#a b")).Error);
        Assert.Equal(DidErrorCodes.NotFound, (await resolver.ResolveVerificationMethodAsync(did)).Error);

        // The derived X25519 key is for key agreement only.
        var asAssertion = await resolver.ResolveVerificationMethodAsync(did + "#z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", VerificationRelationships.AssertionMethod);
        Assert.Equal(DidErrorCodes.NotFound, asAssertion.Error);
    }

    [Fact]
    public async Task Resolution_result_serializes_to_the_did_resolution_shape()
    {
        var ok = await DidResolver.Create().ResolveAsync("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        var json = System.Text.Json.Nodes.JsonNode.Parse(ok.ToJson())!;
        Assert.Equal("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", json["didDocument"]!["id"]!.GetValue<string>());
        Assert.Equal("application/did+json", json["didResolutionMetadata"]!["contentType"]!.GetValue<string>());
        Assert.NotNull(json["didDocumentMetadata"]);

        var bad = await DidResolver.Create().ResolveAsync("did:nope:1");
        var badJson = System.Text.Json.Nodes.JsonNode.Parse(bad.ToJson(indented: true))!;
        Assert.Null(badJson["didDocument"]);
        Assert.Equal("methodNotSupported", badJson["didResolutionMetadata"]!["error"]!.GetValue<string>());
    }

    private sealed class ThrowingResolver : IDidMethodResolver
    {
        public string Method => "boom";

        public ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}

public class VerificationMethodDereferencingTests
{
    [Fact]
    public async Task A_method_controlled_by_another_did_is_refused()
    {
        var document = DidDocument.Parse("""
            {"id": "did:test:customs",
             "verificationMethod": [
               {"id": "#own", "type": "Multikey", "controller": "did:test:customs", "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"},
               {"id": "#borrowed", "type": "Multikey", "controller": "did:test:attacker", "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}],
             "assertionMethod": ["#own", "#borrowed"]}
            """);
        var resolver = new DidResolver([new FixedResolver(document)]);
        Assert.True((await resolver.ResolveVerificationMethodAsync("did:test:customs#own", VerificationRelationships.AssertionMethod)).IsSuccess);
        var borrowed = await resolver.ResolveVerificationMethodAsync("did:test:customs#borrowed", VerificationRelationships.AssertionMethod);
        Assert.Equal(DidErrorCodes.NotFound, borrowed.Error);
        Assert.Contains("controller", borrowed.ErrorMessage, StringComparison.Ordinal);
    }

    private sealed class FixedResolver(DidDocument document) : IDidMethodResolver
    {
        public string Method => "test";

        public ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DidResolutionResult.Success(document));
    }
}
