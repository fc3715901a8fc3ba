using System.Text.Json.Nodes;

namespace Tradeproof.Cryptography.Tests.Keys;

public class KeyFileTests
{
    public static TheoryData<KeyType> SigningTypes => new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 };

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public void Key_files_round_trip_by_multibase_and_by_jwk(KeyType type)
    {
        using var pair = KeyPair.Generate(type);
        var file = KeyFile.Write(pair);
        using var again = KeyFile.Read(file);
        Assert.Equal(pair.PublicKey, again.PublicKey);

        var json = JsonNode.Parse(file)!.AsObject();
        Assert.Equal("Multikey", json["type"]!.GetValue<string>());
        Assert.Equal(type.ToString(), json["keyType"]!.GetValue<string>());
        json.Remove("secretKeyMultibase");
        using var byJwk = KeyFile.Read(json.ToJsonString());
        Assert.Equal(pair.PublicKey, byJwk.PublicKey);
        using var bareJwk = KeyFile.Read(json["privateKeyJwk"]!.ToJsonString());
        Assert.Equal(pair.PublicKey, bareJwk.PublicKey);
    }

    [Fact]
    public void Inconsistent_or_empty_files_are_refused_without_quoting_the_secret()
    {
        using var pair = KeyPair.Generate(KeyType.Ed25519);
        using var other = KeyPair.Generate(KeyType.Ed25519);
        var json = JsonNode.Parse(KeyFile.Write(pair))!.AsObject();
        json["publicKeyMultibase"] = other.PublicKey.ToMultibase();
        var e = Assert.Throws<KeyFormatException>(() => KeyFile.Read(json.ToJsonString()));
        Assert.DoesNotContain(pair.ExportSecretMultibase(), e.ToString(), StringComparison.Ordinal);
        Assert.Throws<KeyFormatException>(() => KeyFile.Read("{}"));
        Assert.Throws<KeyFormatException>(() => KeyFile.Read("[]"));
        Assert.Throws<KeyFormatException>(() => KeyFile.Read("{\"secretKeyMultibase\":\"" + pair.ExportSecretMultibase()[..^2] + "\""));
    }

    [Theory]
    [InlineData("ed25519", KeyType.Ed25519)]
    [InlineData("P256", KeyType.P256)]
    [InlineData("p-384", KeyType.P384)]
    [InlineData("p521", KeyType.P521)]
    [InlineData("secp256k1", KeyType.Secp256k1)]
    public void Key_type_names(string name, KeyType type)
    {
        Assert.True(KeyFile.TryParseKeyType(name, out var parsed));
        Assert.Equal(type, parsed);
        Assert.False(KeyFile.TryParseKeyType("rsa", out _));
        Assert.False(KeyFile.TryParseKeyType(null, out _));
    }
}
