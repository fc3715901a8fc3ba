using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>
/// A small trade network for scenario tests: parties issue and sign credentials (eddsa-jcs-2022 by default,
/// deterministic keys and ids, a fixed clock), and the receiving side verifies each with the library's
/// verifier before it reaches twins and rules.
/// </summary>
internal sealed class TradeNetwork : IDisposable
{
    public const string TraceabilityContext = TestCredentials.TraceabilityContext;
    public const string TradeContext = TestCredentials.TradeContext;

    private readonly List<TestParty> _parties = [];
    private readonly CredentialIssuer _issuer;

    public TradeNetwork(DateTimeOffset? now = null)
    {
        Clock = new FixedClock(now ?? new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = Clock });
        _issuer = new CredentialIssuer(engine, Clock, new SeededRandom("credential-ids"));
        Verifier = new CredentialVerifier(new VerifierOptions { TimeProvider = Clock });
    }

    public FixedClock Clock { get; }

    public CredentialVerifier Verifier { get; }

    public TestParty Party(string name, string country)
    {
        var party = Outsider(name, country);
        _parties.Add(party);
        return party;
    }

    /// <summary>A party the network does not dispose: an Ed25519 key from its name.</summary>
    public static TestParty Outsider(string name, string country) => TestParty.Seeded(name, country, "party:" + name);

    /// <summary>Issues and signs a credential of <paramref name="type"/> with the subject, by the party.</summary>
    public byte[] Issue(TestParty issuer, string type, JsonObject subject, bool tradeContext = false, string cryptosuite = "eddsa-jcs-2022", DateTimeOffset? at = null)
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

    private byte[] Sign(TestParty issuer, string type, JsonObject subject, bool tradeContext, string cryptosuite) =>
        TestCredentials.Sign(_issuer, issuer, TestCredentials.Unsigned(issuer, type, subject, tradeContext), cryptosuite);

    /// <summary>Verifies the credentials as the receiving party does.</summary>
    public IReadOnlyList<ReceivedCredential> Receive(params byte[][] credentials) =>
        [.. credentials.Select(c => CredentialIntake.VerifyAsync(Verifier, c, Clock.GetUtcNow()).AsTask().GetAwaiter().GetResult())];

    /// <summary>A copy of a signed credential with one subject member changed (the proof no longer verifies).</summary>
    public static byte[] Tamper(byte[] credential, string member, JsonNode value) => TestCredentials.Tamper(credential, member, value);

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
