using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.TestData;

namespace Tradeproof.Credentials.Tests.Issuance;

/// <summary>The issuer adds id, issuer, validFrom and status, checks the data model and signs.</summary>
public sealed class CredentialIssuerTests
{
    private const string Unsigned = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
          "type": ["VerifiableCredential", "ExampleMillTestReport"],
          "credentialSubject": { "id": "urn:mtr:1", "heatNumber": "H24-118734" }
        }
        """;

    private readonly FixedClock _clock = new(Now);
    private readonly DataIntegrityEngine _engine;

    public CredentialIssuerTests()
    {
        _engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = _clock });
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", KeyType.Ed25519)]
    [InlineData("ecdsa-rdfc-2019", KeyType.P256)]
    [InlineData("eddsa-jcs-2022", KeyType.Ed25519)]
    public async Task Issues_with_a_uuid_urn_issuer_and_validFrom_and_the_result_verifies(string suite, KeyType keyType)
    {
        using var key = Key(keyType);
        var issuer = new CredentialIssuer(_engine, _clock, new CounterRandom());
        var issued = await issuer.IssueAsync(Utf8(Unsigned), key, new IssuanceOptions { VerificationMethod = MethodOf(key), Cryptosuite = suite });

        Assert.Equal("urn:uuid:00010203-0405-4607-8809-0a0b0c0d0e0f", issued.Id);
        var node = JsonNode.Parse(issued.Utf8.Span)!;
        Assert.Equal(issued.Id, node["id"]!.GetValue<string>());
        Assert.Equal("did:key:" + key.PublicKey.ToMultibase(), node["issuer"]!.GetValue<string>());
        Assert.Equal("2025-03-14T12:00:00Z", node["validFrom"]!.GetValue<string>());
        Assert.Equal(suite, node["proof"]!["cryptosuite"]!.GetValue<string>());
        Assert.True(Verify(_engine, issued.Utf8.ToArray()).Verified);
        Assert.True(VerifiableCredential.TryParse(issued.Utf8, null, out _, out _));
    }

    [Fact]
    public async Task Given_members_are_kept()
    {
        using var key = Key(KeyType.Ed25519);
        var issuer = new CredentialIssuer(_engine, _clock, new CounterRandom());
        var issued = await issuer.IssueAsync(Utf8(Credential), key, new IssuanceOptions { VerificationMethod = MethodOf(key) });
        var node = JsonNode.Parse(issued.Utf8.Span)!;
        Assert.Equal("urn:uuid:11111111-2222-4333-8444-555555555555", issued.Id);
        Assert.Equal("did:example:issuer", node["issuer"]!.GetValue<string>());
        Assert.Equal("2025-01-01T00:00:00Z", node["validFrom"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_v1_credential_gets_an_issuance_date()
    {
        using var key = Key(KeyType.Ed25519);
        const string v1 = """
            { "@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"], "credentialSubject": { "id": "did:example:s" } }
            """;
        var issued = await new CredentialIssuer(_engine, _clock, new CounterRandom())
            .IssueAsync(Utf8(v1), key, new IssuanceOptions { VerificationMethod = MethodOf(key), Cryptosuite = "Ed25519Signature2018" });
        var node = JsonNode.Parse(issued.Utf8.Span)!;
        Assert.Equal("2025-03-14T12:00:00Z", node["issuanceDate"]!.GetValue<string>());
        Assert.Null(node["validFrom"]);
        Assert.True(Verify(_engine, issued.Utf8.ToArray()).Verified);
    }

    [Fact]
    public async Task Status_entries_come_from_the_allocator()
    {
        using var key = Key(KeyType.Ed25519);
        var allocator = new RecordingAllocator();
        var issuer = new CredentialIssuer(_engine, _clock, new CounterRandom(), allocator);
        var issued = await issuer.IssueAsync(Utf8(Unsigned), key, new IssuanceOptions { VerificationMethod = MethodOf(key), StatusPurposes = ["revocation", "suspension"] });

        var request = Assert.Single(allocator.Requests);
        Assert.Equal(issued.Id, request.CredentialId);
        Assert.Equal(["revocation", "suspension"], request.StatusPurposes);
        Assert.Contains("ExampleMillTestReport", request.CredentialTypes);
        var status = JsonNode.Parse(issued.Utf8.Span)!["credentialStatus"]!.AsArray();
        Assert.Equal("suspension", status[1]!["statusPurpose"]!.GetValue<string>());
        Assert.Equal(2, issued.Status.Count);
        Assert.True(Verify(_engine, issued.Utf8.ToArray()).Verified);
    }

    [Fact]
    public async Task Misuse_throws()
    {
        using var key = Key(KeyType.Ed25519);
        var issuer = new CredentialIssuer(_engine, _clock, new CounterRandom());
        var options = new IssuanceOptions { VerificationMethod = MethodOf(key) };
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await issuer.IssueAsync(Utf8(Unsigned), key, options with { StatusPurposes = ["revocation"] }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(Utf8("[]"), key, options));
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(Utf8("{"), key, options));
        var noSubject = Unsigned.Replace("credentialSubject", "subject", StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(Utf8(noSubject), key, options));
        var signed = await issuer.IssueAsync(Utf8(Unsigned), key, options);
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(signed.Utf8, key, options));
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(Utf8(Unsigned), key, options with { Cryptosuite = "ecdsa-rdfc-2019" }));
    }

    [Fact]
    public async Task Ids_are_random_version_4_uuids()
    {
        using var key = Key(KeyType.Ed25519);
        var issuer = new CredentialIssuer(_engine, _clock);
        var a = await issuer.IssueAsync(Utf8(Unsigned), key, new IssuanceOptions { VerificationMethod = MethodOf(key) });
        var b = await issuer.IssueAsync(Utf8(Unsigned), key, new IssuanceOptions { VerificationMethod = MethodOf(key) });
        Assert.NotEqual(a.Id, b.Id);
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a.Id);
    }

    private sealed class RecordingAllocator : ICredentialStatusAllocator
    {
        private int _next;

        public List<CredentialStatusRequest> Requests { get; } = [];

        public ValueTask<IReadOnlyList<CredentialStatusEntry>> AllocateAsync(CredentialStatusRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            var entries = request.StatusPurposes.Select(purpose =>
            {
                var index = _next++;
                var json = $$"""{"id":"https://status.example/list/1#{{index}}","type":"BitstringStatusListEntry","statusPurpose":"{{purpose}}","statusListIndex":"{{index}}","statusListCredential":"https://status.example/list/1"}""";
                return new CredentialStatusEntry(JsonDocument.Parse(json).RootElement.Clone());
            }).ToList();
            return ValueTask.FromResult<IReadOnlyList<CredentialStatusEntry>>(entries);
        }
    }
}
