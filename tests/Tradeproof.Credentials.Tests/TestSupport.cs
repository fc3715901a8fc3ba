using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Tests;

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

    public static KeyPair Key(KeyType type, byte seed = 7) => TestKeys.FromSecret(type, seed);

    public static string MethodOf(KeyPair key) => "did:key:" + key.PublicKey.ToMultibase() + "#" + key.PublicKey.ToMultibase();

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static byte[] Edit(byte[] json, Action<JsonObject> edit) => TestCredentials.Edit(json, edit);

    public static DataIntegrityVerificationResult Verify(DataIntegrityEngine engine, byte[] document, ProofVerificationOptions? options = null) =>
        engine.VerifyAsync(document, options ?? new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local }).AsTask().GetAwaiter().GetResult();
}
