using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Trade.Tests.Presentations;

/// <summary>A fixed clock.</summary>
internal sealed class PresentationClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A deterministic random source (a counter from a seed).</summary>
internal sealed class CounterRandom(byte seed) : IRandomSource
{
    private byte _next = seed;

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _next++;
        }
    }
}

/// <summary>A party with a did:key.</summary>
internal sealed class Party : IDisposable
{
    public Party(KeyType type, byte seed)
    {
        var size = type == KeyType.P384 ? 48 : 32;
        Key = KeyPair.FromSecretBytes(type, Enumerable.Range(seed, size).Select(i => (byte)i).ToArray());
        Did = "did:key:" + Key.PublicKey.ToMultibase();
        Method = Did + "#" + Key.PublicKey.ToMultibase();
    }

    public KeyPair Key { get; }

    public string Did { get; }

    public string Method { get; }

    public void Dispose() => Key.Dispose();
}

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

    public PresentationClock Clock { get; } = new(Now);

    public DataIntegrityEngine Engine { get; }

    public TraceablePresentationSigner Signer { get; }

    public TraceablePresentationVerifier Verifier { get; }

    public TraceablePresentationBuilder Builder { get; }

    public Party Importer { get; } = new(KeyType.Ed25519, 1);

    public Party Seller { get; } = new(KeyType.P256, 2);

    public Party Carrier { get; } = new(KeyType.Ed25519, 3);

    public Party Stranger { get; } = new(KeyType.Ed25519, 4);

    public static VerificationRequest Request(string? challenge, string? domain) => new() { Challenge = challenge, Domain = domain };

    /// <summary>A credential of a traceability type issued and signed by <paramref name="issuer"/>.</summary>
    public byte[] Issue(Party issuer, string type, string subject, string suite = "eddsa-rdfc-2022")
    {
        var unsigned = $$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"],
              "type": ["VerifiableCredential", "{{type}}"],
              "credentialSubject": { "id": "{{subject}}" }
            }
            """;
        var credentialIssuer = new CredentialIssuer(Engine, Clock, new CounterRandom((byte)(issuer.Did.Length + type.Length)));
        return credentialIssuer.IssueAsync(Encoding.UTF8.GetBytes(unsigned), issuer.Key, new IssuanceOptions { VerificationMethod = issuer.Method, Cryptosuite = suite })
            .AsTask().GetAwaiter().GetResult().Utf8.ToArray();
    }

    public byte[] Build(Party holder, IReadOnlyList<byte[]> credentials, string? replace = null, string? id = null, string instance = Instance) =>
        Builder.Build(new TraceablePresentationContent
        {
            Holder = holder.Did,
            Definitions = [EntryWorkflow],
            Instances = [instance],
            Credentials = credentials.Select(c => (ReadOnlyMemory<byte>)c).ToList(),
            Replace = replace,
            Id = id,
        });

    public byte[] Sign(Party holder, byte[] presentation, string? challenge = "c-1", string? domain = CbpDomain, string suite = "eddsa-rdfc-2022") =>
        Signer.Sign(presentation, holder.Key, new PresentationSigningOptions { VerificationMethod = holder.Method, Challenge = challenge, Domain = domain, Cryptosuite = suite });

    public TraceablePresentationVerificationResult Verify(byte[] presentation, string? challenge = "c-1", string? domain = CbpDomain) =>
        Verifier.VerifyAsync(presentation, Request(challenge, domain)).AsTask().GetAwaiter().GetResult();

    public static byte[] Edit(byte[] json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

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
