using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Trade.Tests.Presentations;

/// <summary>Parties, an engine on a fixed clock, credentials they issue and presentations they build.</summary>
internal sealed class PresentationFixture : IDisposable
{
    public const string EntryWorkflow = "https://w3id.org/traceability#us-cbp-entry";
    public const string Instance = "urn:uuid:0f3e2a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b";
    public const string CbpDomain = "cbp.example";
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public PresentationFixture()
    {
        Engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = Clock });
        Signer = new TraceablePresentationSigner(Engine);
        Verifier = new TraceablePresentationVerifier(new CredentialVerifier(new VerifierOptions { TimeProvider = Clock }));
        Builder = new TraceablePresentationBuilder(new CounterRandom(0x40));
    }

    public FixedClock Clock { get; } = new(Now);

    public DataIntegrityEngine Engine { get; }

    public TraceablePresentationSigner Signer { get; }

    public TraceablePresentationVerifier Verifier { get; }

    public TraceablePresentationBuilder Builder { get; }

    public TestParty Importer { get; } = TestParty.FromSecret(KeyType.Ed25519, 1);

    public TestParty Seller { get; } = TestParty.FromSecret(KeyType.P256, 2);

    public TestParty Carrier { get; } = TestParty.FromSecret(KeyType.Ed25519, 3);

    public TestParty Stranger { get; } = TestParty.FromSecret(KeyType.Ed25519, 4);

    public static VerificationRequest Request(string? challenge, string? domain) => new() { Challenge = challenge, Domain = domain };

    /// <summary>A credential of a traceability type issued and signed by <paramref name="issuer"/>.</summary>
    public byte[] Issue(TestParty issuer, string type, string subject, string suite = "eddsa-rdfc-2022")
    {
        var unsigned = $$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"],
              "type": ["VerifiableCredential", "{{type}}"],
              "credentialSubject": { "id": "{{subject}}" }
            }
            """;
        var credentialIssuer = new CredentialIssuer(Engine, Clock, new CounterRandom((byte)(issuer.Did.Length + type.Length)));
        return credentialIssuer.IssueAsync(Encoding.UTF8.GetBytes(unsigned), issuer.Key, new IssuanceOptions { VerificationMethod = issuer.VerificationMethod, Cryptosuite = suite })
            .AsTask().GetAwaiter().GetResult().Utf8.ToArray();
    }

    public byte[] Build(TestParty holder, IReadOnlyList<byte[]> credentials, string? replace = null, string? id = null, string instance = Instance) =>
        Builder.Build(new TraceablePresentationContent
        {
            Holder = holder.Did,
            Definitions = [EntryWorkflow],
            Instances = [instance],
            Credentials = credentials.Select(c => (ReadOnlyMemory<byte>)c).ToList(),
            Replace = replace,
            Id = id,
        });

    public byte[] Sign(TestParty holder, byte[] presentation, string? challenge = "c-1", string? domain = CbpDomain, string suite = "eddsa-rdfc-2022") =>
        Signer.Sign(presentation, holder.Key, new PresentationSigningOptions { VerificationMethod = holder.VerificationMethod, Challenge = challenge, Domain = domain, Cryptosuite = suite });

    public TraceablePresentationVerificationResult Verify(byte[] presentation, string? challenge = "c-1", string? domain = CbpDomain) =>
        Verifier.VerifyAsync(presentation, Request(challenge, domain)).AsTask().GetAwaiter().GetResult();

    public static byte[] Edit(byte[] json, Action<JsonObject> edit) => TestCredentials.Edit(json, edit);

    public static TraceablePresentation Parse(byte[] json)
    {
        Assert.True(TraceablePresentation.TryParse(json, null, out var parsed, out var problems), string.Join("; ", problems));
        return parsed!;
    }

    public void Dispose()
    {
        Importer.Dispose();
        Seller.Dispose();
        Carrier.Dispose();
        Stranger.Dispose();
    }
}
