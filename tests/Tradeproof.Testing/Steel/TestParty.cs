using System.Text.Json.Nodes;
using Tradeproof.Cryptography;

namespace Tradeproof.Testing.Steel;

/// <summary>A party of a test: a name, a country and a key, known by its did:key.</summary>
public sealed class TestParty : IDisposable
{
    /// <summary>A party with the key given (the party disposes it).</summary>
    public TestParty(string name, string country, KeyPair key)
    {
        Name = name;
        Country = country;
        Key = key;
        Did = "did:key:" + Key.PublicKey.ToMultibase();
        VerificationMethod = Did + "#" + Key.PublicKey.ToMultibase();
    }

    /// <summary>A party with an Ed25519 key drawn from <paramref name="random"/>.</summary>
    public TestParty(string name, string country, IRandomSource random)
        : this(name, country, KeyPair.Generate(KeyType.Ed25519, random))
    {
    }

    public string Name { get; }

    public string Country { get; }

    public KeyPair Key { get; }

    public string Did { get; }

    /// <summary>The did:key's verification method (<c>did:key:z…#z…</c>).</summary>
    public string VerificationMethod { get; }

    /// <summary>A party whose Ed25519 key comes from a seed text (<see cref="SeededRandom"/>): the same seed, the same did:key.</summary>
    public static TestParty Seeded(string name, string country, string seed) => new(name, country, new SeededRandom(seed));

    /// <summary>A party whose secret key is the bytes <paramref name="first"/>, first + 1, … (32 bytes, 48 for P-384).</summary>
    public static TestParty FromSecret(KeyType type, byte first, string name = "", string country = "") =>
        new(name, country, TestKeys.FromSecret(type, first));

    /// <summary>The party as an Organization of the traceability vocabulary (with its country as a place when <paramref name="withLocation"/>).</summary>
    public JsonObject Organization(bool withLocation = true)
    {
        var organization = new JsonObject
        {
            ["type"] = new JsonArray("Organization"),
            ["id"] = Did,
            ["name"] = Name,
        };
        if (withLocation)
        {
            organization["location"] = new JsonObject
            {
                ["type"] = new JsonArray("Place"),
                ["address"] = new JsonObject { ["type"] = new JsonArray("PostalAddress"), ["addressCountry"] = Country },
            };
        }

        return organization;
    }

    public void Dispose() => Key.Dispose();
}

/// <summary>Keys from fixed secrets.</summary>
public static class TestKeys
{
    /// <summary>The key whose secret is the bytes <paramref name="first"/>, first + 1, … (32 bytes, 48 for P-384).</summary>
    public static KeyPair FromSecret(KeyType type, byte first)
    {
        var size = type == KeyType.P384 ? 48 : 32;
        return KeyPair.FromSecretBytes(type, Enumerable.Range(first, size).Select(i => (byte)i).ToArray());
    }
}
