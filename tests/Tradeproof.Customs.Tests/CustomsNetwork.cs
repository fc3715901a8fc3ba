using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Customs.Tests;

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal sealed class SeededRandom(string seed) : IRandomSource
{
    private readonly byte[] _seed = Encoding.UTF8.GetBytes(seed);
    private long _counter;

    public void Fill(Span<byte> destination)
    {
        var offset = 0;
        while (offset < destination.Length)
        {
            var block = SHA256.HashData([.. _seed, .. BitConverter.GetBytes(_counter++)]);
            var n = Math.Min(block.Length, destination.Length - offset);
            block.AsSpan(0, n).CopyTo(destination[offset..]);
            offset += n;
        }
    }
}

/// <summary>A party known by its did:key (deterministic Ed25519 key from its name).</summary>
internal sealed class Party : IDisposable
{
    public Party(string name, string country)
    {
        Name = name;
        Country = country;
        Key = KeyPair.Generate(KeyType.Ed25519, new SeededRandom("party:" + name + "/" + country));
        Did = "did:key:" + Key.PublicKey.ToMultibase();
        Method = Did + "#" + Key.PublicKey.ToMultibase();
    }

    public string Name { get; }

    public string Country { get; }

    public KeyPair Key { get; }

    public string Did { get; }

    public string Method { get; }

    public JsonObject Organization() => new()
    {
        ["type"] = new JsonArray("Organization"),
        ["id"] = Did,
        ["name"] = Name,
        ["location"] = new JsonObject { ["type"] = new JsonArray("Place"), ["address"] = new JsonObject { ["type"] = new JsonArray("PostalAddress"), ["addressCountry"] = Country } },
    };

    public void Dispose() => Key.Dispose();
}

/// <summary>Issues credentials (eddsa-jcs-2022, fixed clock) and verifies them as the customs authority does.</summary>
internal sealed class CustomsNetwork : IDisposable
{
    private readonly List<Party> _parties = [];
    private readonly CredentialIssuer _issuer;

    public CustomsNetwork()
    {
        Clock = new FixedClock(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        Transforms = new ProofTransforms(new JsonLd.JsonLdOptions { SafeMode = true, DocumentLoader = Trade.Vocabulary.TradeContext.DocumentLoader });
        Engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = Clock, Transforms = Transforms });
        _issuer = new CredentialIssuer(Engine, Clock, new SeededRandom("ids"));
    }

    public FixedClock Clock { get; }

    public DataIntegrityEngine Engine { get; }

    public ProofTransforms Transforms { get; }

    public Party Party(string name, string country)
    {
        var p = new Party(name, country);
        _parties.Add(p);
        return p;
    }

    public byte[] Issue(Party issuer, string type, string subject, bool tradeContext = false)
    {
        var contexts = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1");
        if (tradeContext)
        {
            contexts.Add("https://tradeproof.dev/contexts/trade/v1");
        }

        var credential = new JsonObject
        {
            ["@context"] = contexts,
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = issuer.Organization(),
            ["credentialSubject"] = JsonNode.Parse(subject),
        };
        return _issuer.IssueAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), issuer.Key, new IssuanceOptions { VerificationMethod = issuer.Method, Cryptosuite = "eddsa-jcs-2022" })
            .AsTask().GetAwaiter().GetResult().Utf8.ToArray();
    }

    public IReadOnlyList<ReceivedCredential> Receive(IIssuerTrustPolicy? policy, params byte[][] credentials)
    {
        var verifier = new CredentialVerifier(new VerifierOptions { TimeProvider = Clock, IssuerTrustPolicy = policy, Transforms = Transforms });
        return [.. credentials.Select(c => CredentialIntake.VerifyAsync(verifier, c, Clock.GetUtcNow()).AsTask().GetAwaiter().GetResult())];
    }

    public static byte[] Tamper(byte[] credential, string member, string value)
    {
        var node = JsonNode.Parse(credential)!.AsObject();
        node["credentialSubject"]![member] = value;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static JsonElement Json(byte[] credential) => JsonDocument.Parse(credential).RootElement.Clone();

    public void Dispose()
    {
        foreach (var p in _parties)
        {
            p.Dispose();
        }
    }
}
