using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>A clock fixed where the test puts it.</summary>
internal sealed class ScenarioClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A deterministic random source: SHA-256 of a seed and a counter.</summary>
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

/// <summary>A party of a scenario: a name and an Ed25519 key generated from a seed, known by its did:key.</summary>
internal sealed class TradeParty : IDisposable
{
    public TradeParty(string name, string country)
    {
        Name = name;
        Country = country;
        Key = KeyPair.Generate(KeyType.Ed25519, new SeededRandom("party:" + name));
        Did = "did:key:" + Key.PublicKey.ToMultibase();
        VerificationMethod = Did + "#" + Key.PublicKey.ToMultibase();
    }

    public string Name { get; }

    public string Country { get; }

    public KeyPair Key { get; }

    public string Did { get; }

    public string VerificationMethod { get; }

    /// <summary>The party as an Organization object of the traceability vocabulary.</summary>
    public JsonObject Organization() => new()
    {
        ["type"] = new JsonArray("Organization"),
        ["id"] = Did,
        ["name"] = Name,
        ["location"] = new JsonObject
        {
            ["type"] = new JsonArray("Place"),
            ["address"] = new JsonObject { ["type"] = new JsonArray("PostalAddress"), ["addressCountry"] = Country },
        },
    };

    public void Dispose() => Key.Dispose();
}

/// <summary>
/// A small trade network for scenario tests: parties issue and sign credentials (eddsa-jcs-2022 by default,
/// deterministic keys and ids, a fixed clock), and the receiving side verifies each with the library's
/// verifier before it reaches twins and rules.
/// </summary>
internal sealed class TradeNetwork : IDisposable
{
    public const string TraceabilityContext = "https://w3id.org/traceability/v1";
    public const string TradeContext = "https://tradeproof.dev/contexts/trade/v1";

    private readonly List<TradeParty> _parties = [];
    private readonly CredentialIssuer _issuer;

    public TradeNetwork(DateTimeOffset? now = null)
    {
        Clock = new ScenarioClock(now ?? new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = Clock });
        _issuer = new CredentialIssuer(engine, Clock, new SeededRandom("credential-ids"));
        Verifier = new CredentialVerifier(new VerifierOptions { TimeProvider = Clock });
    }

    public ScenarioClock Clock { get; }

    public CredentialVerifier Verifier { get; }

    public TradeParty Party(string name, string country)
    {
        var party = new TradeParty(name, country);
        _parties.Add(party);
        return party;
    }

    /// <summary>Issues and signs a credential of <paramref name="type"/> with the subject, by the party.</summary>
    public byte[] Issue(TradeParty issuer, string type, JsonObject subject, bool tradeContext = false, string cryptosuite = "eddsa-jcs-2022", DateTimeOffset? at = null)
    {
        var now = Clock.Now;
        Clock.Now = at ?? now;
        try
        {
            return Sign(issuer, type, subject, tradeContext, cryptosuite);
        }
        finally
        {
            Clock.Now = now;
        }
    }

    private byte[] Sign(TradeParty issuer, string type, JsonObject subject, bool tradeContext, string cryptosuite)
    {
        var contexts = new JsonArray("https://www.w3.org/ns/credentials/v2", TraceabilityContext);
        if (tradeContext)
        {
            contexts.Add(TradeContext);
        }

        var credential = new JsonObject
        {
            ["@context"] = contexts,
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = issuer.Organization(),
            ["credentialSubject"] = subject,
        };
        var issued = _issuer.IssueAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), issuer.Key, new IssuanceOptions
        {
            VerificationMethod = issuer.VerificationMethod,
            Cryptosuite = cryptosuite,
        }).AsTask().GetAwaiter().GetResult();
        return issued.Utf8.ToArray();
    }

    /// <summary>Verifies the credentials as the receiving party does.</summary>
    public IReadOnlyList<ReceivedCredential> Receive(params byte[][] credentials) =>
        [.. credentials.Select(c => CredentialIntake.VerifyAsync(Verifier, c, Clock.GetUtcNow()).AsTask().GetAwaiter().GetResult())];

    /// <summary>A copy of a signed credential with one subject member changed (the proof no longer verifies).</summary>
    public static byte[] Tamper(byte[] credential, string member, JsonNode value)
    {
        var node = JsonNode.Parse(credential)!.AsObject();
        node["credentialSubject"]![member] = value;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>The twins of the verified credentials.</summary>
    public static TwinIndex ProjectTwins(IEnumerable<ReceivedCredential> received)
    {
        var index = new TwinIndex();
        index.AddCredentials(received);
        return index;
    }

    public static JsonObject Subject(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public void Dispose()
    {
        foreach (var party in _parties)
        {
            party.Dispose();
        }
    }
}
