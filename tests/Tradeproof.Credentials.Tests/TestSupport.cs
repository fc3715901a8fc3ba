using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Tests;

/// <summary>A clock that says what the test wants.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A deterministic random source (a counter).</summary>
internal sealed class CountingRandom : IRandomSource
{
    private byte _next;

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _next++;
        }
    }
}

internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A VC 2.0 credential using only the base context (no @vocab: undefined terms fail safe mode).</summary>
    public const string Credential = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
          "type": ["VerifiableCredential"],
          "issuer": "did:example:issuer",
          "validFrom": "2025-01-01T00:00:00Z",
          "credentialSubject": { "id": "did:example:subject" }
        }
        """;

    public static KeyPair Key(KeyType type, byte seed = 7)
    {
        var size = type == KeyType.P384 ? 48 : 32;
        return KeyPair.FromSecretBytes(type, Enumerable.Range(seed, size).Select(i => (byte)i).ToArray());
    }

    public static string MethodOf(KeyPair key) => "did:key:" + key.PublicKey.ToMultibase() + "#" + key.PublicKey.ToMultibase();

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static byte[] Edit(byte[] json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static DataIntegrityVerificationResult Verify(DataIntegrityEngine engine, byte[] document, ProofVerificationOptions? options = null) =>
        engine.VerifyAsync(document, options ?? new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local }).AsTask().GetAwaiter().GetResult();
}
