using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Dids;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>did:web documents served from memory (or "unreachable"), so binding and method-lifetime cases need no network.</summary>
internal sealed class InMemoryWebDids : IDidMethodResolver
{
    public Dictionary<string, string> Documents { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Unreachable { get; } = new(StringComparer.Ordinal);

    public int Resolutions;

    public string Method => "web";

    public ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Resolutions);
        var id = did.ToString();
        if (Unreachable.Contains(id))
        {
            return ValueTask.FromResult(DidResolutionResult.Failure(DidErrorCodes.InternalError, "The did:web request did not complete within 5 s."));
        }

        return ValueTask.FromResult(Documents.TryGetValue(id, out var json)
            ? DidResolutionResult.Success(DidDocument.Parse(json))
            : DidResolutionResult.Failure(DidErrorCodes.NotFound, "No such document."));
    }

    /// <summary>A did:web document with one Multikey method listed under <paramref name="relationships"/>; <paramref name="methodExtra"/> adds members to the method.</summary>
    public string Add(string did, KeyPair key, string[]? relationships = null, string methodExtra = "")
    {
        var methodId = did + "#key-1";
        relationships ??= ["assertionMethod", "authentication"];
        var lists = string.Concat(relationships.Select(r => $",\"{r}\":[\"{methodId}\"]"));
        Documents[did] = $$"""
            {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"{{did}}",
             "verificationMethod":[{"id":"{{methodId}}","type":"Multikey","controller":"{{did}}","publicKeyMultibase":"{{key.PublicKey.ToMultibase()}}"{{methodExtra}}}]{{lists}}}
            """;
        return methodId;
    }
}

/// <summary>Status list credentials served from memory; a missing URL is a retrieval failure.</summary>
internal sealed class InMemoryStatusLists : IStatusListProvider
{
    public Dictionary<string, byte[]> Lists { get; } = new(StringComparer.Ordinal);

    public ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default) =>
        Lists.TryGetValue(url, out var bytes) ? ValueTask.FromResult<ReadOnlyMemory<byte>>(bytes) : throw new HttpRequestException("Connection refused.");
}

/// <summary>Keys, documents and a verifier for the verification tests.</summary>
internal sealed class VerificationFixture
{
    public const string CustomsDid = "did:web:customs.example";
    public const string RevocationUrl = "https://issuer.example/status/revocation";
    public const string SuspensionUrl = "https://issuer.example/status/suspension";

    public VerificationFixture()
    {
        Engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = Clock });
        Resolver = new DidVerificationMethodResolver(new DidResolver([new DidKeyResolver(), new DidJwkResolver(), WebDids]));
    }

    public FixedClock Clock { get; } = new(TestData.Now);

    public DataIntegrityEngine Engine { get; }

    public InMemoryWebDids WebDids { get; } = new();

    public InMemoryStatusLists StatusLists { get; } = new();

    public DidVerificationMethodResolver Resolver { get; }

    public KeyPair Issuer { get; } = TestData.Key(KeyType.Ed25519, 7);

    public KeyPair Holder { get; } = TestData.Key(KeyType.Ed25519, 40);

    public KeyPair Attacker { get; } = TestData.Key(KeyType.Ed25519, 90);

    public string IssuerDid => DidOf(Issuer);

    public string HolderDid => DidOf(Holder);

    public static string DidOf(KeyPair key) => "did:key:" + key.PublicKey.ToMultibase();

    public static string MethodOf(KeyPair key) => TestData.MethodOf(key);

    public VerifierOptions Options => new()
    {
        TimeProvider = Clock,
        Resolver = Resolver,
        StatusListProvider = StatusLists,
    };

    public CredentialVerifier Verifier(Func<VerifierOptions, VerifierOptions>? configure = null) =>
        new(configure is null ? Options : configure(Options));

    /// <summary>An unsigned VC 2.0 credential of <paramref name="issuer"/> (base context only; <paramref name="extra"/> adds members).</summary>
    public static byte[] Credential(string issuer, string extra = "") => Encoding.UTF8.GetBytes($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
          "type": ["VerifiableCredential"],
          "issuer": "{{issuer}}",
          "validFrom": "2025-01-01T00:00:00Z",{{extra}}
          "credentialSubject": { "id": "did:example:subject" }
        }
        """);

    public byte[] Sign(byte[] document, KeyPair key, string suite = "eddsa-rdfc-2022", Func<ProofOptions, ProofOptions>? tweak = null, string? method = null)
    {
        var options = new ProofOptions { Cryptosuite = suite, VerificationMethod = method ?? MethodOf(key) };
        return Engine.AddProof(document, tweak is null ? options : tweak(options), key);
    }

    /// <summary>A signed credential of the fixture's issuer.</summary>
    public byte[] SignedCredential(string extra = "", string suite = "eddsa-rdfc-2022") => Sign(Credential(IssuerDid, extra), Issuer, suite);

    /// <summary>A presentation of <paramref name="credentials"/> by the holder, with a proof carrying <paramref name="challenge"/> and <paramref name="domain"/>.</summary>
    public byte[] Presentation(IEnumerable<byte[]> credentials, string? challenge, string? domain, KeyPair? signer = null, string? holder = null)
    {
        var vp = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holder ?? HolderDid,
            ["verifiableCredential"] = new JsonArray([.. credentials.Select(c => JsonNode.Parse(c))]),
        };
        // JCS: an RDFC proof over many near-identical embedded credentials runs into RDFC's work limit.
        return Sign(Encoding.UTF8.GetBytes(vp.ToJsonString()), signer ?? Holder, "eddsa-jcs-2022", o => o with
        {
            ProofPurpose = ProofPurposes.Authentication,
            Challenge = challenge,
            Domain = domain is null ? null : [domain],
        });
    }

    /// <summary>A status list issuer for the fixture's issuer (revocation and suspension lists), its lists published and signed.</summary>
    public BitstringStatusListIssuer StatusIssuer { get; } = new(
        [
            new StatusListDefinition { Url = RevocationUrl, Purpose = "revocation" },
            new StatusListDefinition { Url = SuspensionUrl, Purpose = "suspension" },
        ],
        new InMemoryStatusListStore(),
        new SequentialStatusIndexSource());

    /// <summary>Publishes (signed by <paramref name="signer"/>, issued by <paramref name="listIssuer"/>) the current state of a list.</summary>
    public async Task PublishAsync(string url, KeyPair? signer = null, string? listIssuer = null)
    {
        signer ??= Issuer;
        var unsigned = await StatusIssuer.PublishAsync(url, listIssuer ?? DidOf(signer), TestData.Now.AddDays(-1));
        StatusLists.Lists[url] = Sign(unsigned, signer);
    }

    /// <summary>A signed credential with status entries for <paramref name="purposes"/>, and their indexes.</summary>
    public async Task<(byte[] Credential, IReadOnlyList<int> Indexes)> CredentialWithStatusAsync(params string[] purposes)
    {
        var entries = await StatusIssuer.AllocateAsync(new CredentialStatusRequest { CredentialId = "urn:uuid:" + Guid.NewGuid(), Issuer = IssuerDid, StatusPurposes = purposes });
        var status = new JsonArray([.. entries.Select(e => JsonNode.Parse(e.Json.GetRawText()))]);
        var credential = TestData.Edit(Credential(IssuerDid), n => n["credentialStatus"] = status);
        var indexes = entries.Select(e => int.Parse(e.Json.GetProperty("statusListIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return (Sign(credential, Issuer), indexes);
    }

    public static VerificationResult Run(CredentialVerifier verifier, byte[] input, VerificationRequest? request = null) =>
        verifier.VerifyAsync(input, request).AsTask().GetAwaiter().GetResult();

    public static VerificationResult Run(CredentialVerifier verifier, string input, VerificationRequest? request = null) =>
        verifier.VerifyAsync(input, request).AsTask().GetAwaiter().GetResult();

    /// <summary>The one failed check (asserts there is exactly one).</summary>
    public static CheckResult FailedCheck(VerificationResult result)
    {
        Assert.Equal(VerificationOutcome.Invalid, result.Outcome);
        return Assert.Single(result.Checks, c => c.Outcome == CheckOutcome.Failed);
    }

    /// <summary>Asserts the input is invalid at <paramref name="check"/> with a problem of <paramref name="problemType"/>.</summary>
    public static void AssertInvalidAt(VerificationResult result, string check, string problemType)
    {
        var failed = FailedCheck(result);
        Assert.True(failed.Name == check, $"Expected {check} to fail, but {failed.Name} failed: {string.Join("; ", failed.Problems)}");
        Assert.Contains(failed.Problems, p => p.Type == problemType);
    }

    public static void AssertValid(VerificationResult result) =>
        Assert.True(result.Verified, string.Join("; ", result.Checks.Where(c => c.Outcome is CheckOutcome.Failed or CheckOutcome.Indeterminate).Select(c => c.Name + ": " + string.Join(", ", c.Problems))));
}
