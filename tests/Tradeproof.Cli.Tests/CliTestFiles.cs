using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Tests;

/// <summary>A temporary folder of key files and credentials for the credential and status verbs' tests.</summary>
internal sealed class CliTestFiles : IDisposable
{
    /// <summary>A mill test report with no issuer, id or proof: what an issuer's system hands to <c>tradeproof issue</c>.</summary>
    public const string MillTestReport = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
          "type": ["VerifiableCredential", "ExampleMillTestReport"],
          "credentialSubject": {
            "id": "urn:mtr:GLS-2025-004817",
            "heatNumber": "H24-118734",
            "grade": "ASTM A572 Grade 50",
            "countryOfMelt": "US",
            "yieldStrengthMPa": 381
          }
        }
        """;

    /// <summary>The same as a VC Data Model 1.1 credential.</summary>
    public const string MillTestReportV1 = """
        {
          "@context": ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/2018/credentials/examples/v1"],
          "type": ["VerifiableCredential"],
          "credentialSubject": { "id": "urn:mtr:GLS-2025-004817", "degree": { "type": "BachelorDegree", "name": "Steel" } }
        }
        """;

    private readonly Dictionary<string, KeyPair> _keys = new(StringComparer.Ordinal);

    public string Folder { get; } = Directory.CreateTempSubdirectory("tradeproof-cli-vc-").FullName;

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes <paramref name="content"/> to a file of the folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        File.WriteAllText(PathOf(name), content, new UTF8Encoding(false));
        return PathOf(name);
    }

    /// <summary>A key file of <paramref name="type"/> named <paramref name="name"/> (created once), and its key.</summary>
    public (string Path, KeyPair Key) KeyFile(KeyType type, string? name = null)
    {
        name ??= type.ToString();
        var path = PathOf(name + ".key.json");
        if (!_keys.TryGetValue(name, out var key))
        {
            key = KeyPair.Generate(type);
            _keys[name] = key;
            File.WriteAllText(path, Cryptography.KeyFile.Write(key));
        }

        return (path, key);
    }

    public static string DidOf(KeyPair key) => "did:key:" + key.PublicKey.ToMultibase();

    public static ProofVerificationOptions Verification(string purpose = ProofPurposes.AssertionMethod, string? challenge = null, string? domain = null) => new()
    {
        Resolver = DidVerificationMethodResolver.Local,
        ExpectedProofPurpose = purpose,
        ExpectedChallenge = challenge,
        ExpectedDomain = domain is null ? null : [domain],
    };

    public static JoseVerificationOptions Jose(string? nonce = null, string? audience = null) => new()
    {
        Resolver = DidVerificationMethodResolver.Local,
        ExpectedNonce = nonce,
        ExpectedAudience = audience,
    };

    /// <summary>Verifies a Data Integrity secured document with the library (not the CLI's verify).</summary>
    public static DataIntegrityVerificationResult VerifyDataIntegrity(string json, ProofVerificationOptions? options = null) =>
        new DataIntegrityEngine().VerifyAsync(Encoding.UTF8.GetBytes(json), options ?? Verification()).AsTask().GetAwaiter().GetResult();

    public static JsonObject ParseObject(string text) => JsonNode.Parse(text)!.AsObject();

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
