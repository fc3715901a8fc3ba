using System.Buffers.Text;
using System.Text;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids.Tests.Methods;

public class DidJwkTests
{
    public static TheoryData<KeyType> SigningTypes => new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 };

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public async Task Created_dids_resolve_to_their_key(KeyType type)
    {
        using var pair = KeyPair.Generate(type);
        var did = DidJwk.Create(pair.PublicKey);
        var result = await DidResolver.Create().ResolveAsync(did.ToString());
        Assert.True(result.IsSuccess, result.Error);
        var method = Assert.Single(result.DidDocument!.VerificationMethod);
        Assert.Equal(did + "#0", method.Id);
        Assert.Equal("JsonWebKey2020", method.Type);
        Assert.Equal(pair.PublicKey, method.GetPublicKey());
        Assert.True(result.DidDocument.IsAuthorized("#0", VerificationRelationships.AssertionMethod));
        Assert.True(result.DidDocument.IsAuthorized("#0", VerificationRelationships.KeyAgreement));
    }

    [Fact]
    public void Jwk_members_are_written_in_lexicographic_order()
    {
        var key = PublicKey.FromJwk(Jwk.Parse("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}"""));
        var did = DidJwk.Create(key);
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(did.MethodSpecificId));
        Assert.Equal("""{"crv":"P-256","kty":"EC","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""", json);
    }

    [Theory]
    [InlineData("""{"kty":"OKP","crv":"X25519","use":"enc","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}""", false, true)]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","use":"sig","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", true, false)]
    [InlineData("""{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}""", false, true)]
    public async Task Use_selects_the_relationships(string jwk, bool signing, bool agreement)
    {
        var did = "did:jwk:" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(jwk));
        var document = (await DidResolver.Create().ResolveAsync(did)).DidDocument!;
        Assert.Equal(signing, document.AssertionMethod.Count == 1);
        Assert.Equal(signing, document.Authentication.Count == 1);
        Assert.Equal(agreement, document.KeyAgreement.Count == 1);
    }

    [Theory]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}""", DidErrorCodes.InvalidDid)]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}""", DidErrorCodes.InvalidPublicKeyLength)]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""", DidErrorCodes.UnsupportedPublicKeyType)]
    [InlineData("""[1]""", DidErrorCodes.InvalidDid)]
    [InlineData("""not json""", DidErrorCodes.InvalidDid)]
    [InlineData("""{"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", DidErrorCodes.InvalidDid)]
    public async Task Bad_jwks_give_error_codes(string jwk, string code)
    {
        var did = "did:jwk:" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(jwk));
        var result = await DidResolver.Create().ResolveAsync(did);
        Assert.Equal(code, result.Error);
    }

    [Fact]
    public async Task Padded_or_non_base64url_values_are_invalid()
    {
        Assert.Equal(DidErrorCodes.InvalidDid, (await DidResolver.Create().ResolveAsync("did:jwk:eyJ%3D")).Error);
        Assert.Equal(DidErrorCodes.InvalidDid, (await DidResolver.Create().ResolveAsync("did:jwk:e")).Error);
        Assert.Throws<ArgumentException>(() => DidJwk.Create(KeyPair.Generate(KeyType.P256).ExportPrivateJwk()));
    }
}
