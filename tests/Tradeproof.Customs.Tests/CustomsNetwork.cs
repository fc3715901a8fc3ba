using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Testing.Steel;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Customs.Tests;

/// <summary>Issues credentials (eddsa-jcs-2022, fixed clock) and verifies them as the customs authority does.</summary>
internal sealed class CustomsNetwork : IDisposable
{
    private readonly List<TestParty> _parties = [];
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

    /// <summary>A party with a deterministic Ed25519 key from its name and country.</summary>
    public TestParty Party(string name, string country)
    {
        var p = TestParty.Seeded(name, country, "party:" + name + "/" + country);
        _parties.Add(p);
        return p;
    }

    public byte[] Issue(TestParty issuer, string type, string subject, bool tradeContext = false) =>
        TestCredentials.Sign(_issuer, issuer, TestCredentials.Unsigned(issuer, type, JsonNode.Parse(subject)!, tradeContext));

    public IReadOnlyList<ReceivedCredential> Receive(IIssuerTrustPolicy? policy, params byte[][] credentials)
    {
        var verifier = new CredentialVerifier(new VerifierOptions { TimeProvider = Clock, IssuerTrustPolicy = policy, Transforms = Transforms });
        return [.. credentials.Select(c => CredentialIntake.VerifyAsync(verifier, c, Clock.GetUtcNow()).AsTask().GetAwaiter().GetResult())];
    }

    public static byte[] Tamper(byte[] credential, string member, string value) => TestCredentials.Tamper(credential, member, value);

    public static JsonElement Json(byte[] credential) => JsonDocument.Parse(credential).RootElement.Clone();

    public void Dispose()
    {
        foreach (var p in _parties)
        {
            p.Dispose();
        }
    }
}
