using System.Text;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Tests.Jose;

internal static class JoseTestSupport
{
    public static string DidOf(KeyPair key) => "did:key:" + key.PublicKey.ToMultibase();

    public static byte[] CredentialFor(string issuer, string extra = "") => Encoding.UTF8.GetBytes($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
          "type": ["VerifiableCredential"],
          "issuer": "{{issuer}}",
          "validFrom": "2025-01-01T00:00:00Z",{{extra}}
          "credentialSubject": { "id": "did:example:subject", "heatNumber": "H-1234" }
        }
        """);

    public static JoseVerificationOptions Options(DateTimeOffset? now = null) => new()
    {
        Resolver = DidVerificationMethodResolver.Local,
        TimeProvider = new FixedClock(now ?? TestData.Now),
    };

    /// <summary>A JWS with any header text, signed by <paramref name="key"/> (or with the given signature).</summary>
    public static string Craft(string headerJson, ReadOnlySpan<byte> payload, KeyPair key, byte[]? signature = null)
    {
        var input = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64UrlStrict.Encode(payload);
        signature ??= key.Sign(Encoding.ASCII.GetBytes(input));
        return input + "." + Base64UrlStrict.Encode(signature);
    }

    public static string Part(string jws, int index) => jws.Split('.')[index];

    public static string DecodePart(string jws, int index)
    {
        Assert.True(Base64UrlStrict.TryDecode(Part(jws, index), out var bytes));
        return Encoding.UTF8.GetString(bytes);
    }
}
