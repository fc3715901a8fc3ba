using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.TestData;

namespace Tradeproof.Credentials.Tests.Issuance;

/// <summary><see cref="CredentialIssuer.PrepareAsync"/>: the issuer's fill-in without a proof (for JOSE and SD-JWT).</summary>
public sealed class CredentialIssuerPrepareTests
{
    private const string Unsigned = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
          "type": ["VerifiableCredential", "ExampleMillTestReport"],
          "credentialSubject": { "id": "urn:mtr:1", "heatNumber": "H24-118734" }
        }
        """;

    private readonly FixedClock _clock = new(Now);

    [Fact]
    public async Task Prepare_fills_in_like_issue_but_adds_no_proof()
    {
        using var key = Key(KeyType.Ed25519);
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = _clock });
        var issuer = new CredentialIssuer(engine, _clock, new CounterRandom());
        var options = new IssuanceOptions { VerificationMethod = MethodOf(key), ValidUntil = Now.AddDays(30) };

        var prepared = await issuer.PrepareAsync(Utf8(Unsigned), options);

        var node = JsonNode.Parse(prepared.Utf8.Span)!.AsObject();
        Assert.False(node.ContainsKey("proof"));
        Assert.Equal("urn:uuid:00010203-0405-4607-8809-0a0b0c0d0e0f", prepared.Id);
        Assert.Equal(prepared.Id, node["id"]!.GetValue<string>());
        Assert.Equal("did:key:" + key.PublicKey.ToMultibase(), node["issuer"]!.GetValue<string>());
        Assert.Equal("2025-03-14T12:00:00Z", node["validFrom"]!.GetValue<string>());
        Assert.Equal("2025-04-13T12:00:00Z", node["validUntil"]!.GetValue<string>());
        Assert.Equal(DataModelVersion.V2_0, prepared.Version);
        Assert.Equal(Now, prepared.IssuedAt);
        Assert.Empty(prepared.Status);
        Assert.True(VerifiableCredential.TryParse(prepared.Utf8, null, out _, out _));
    }

    [Fact]
    public async Task Issue_is_prepare_plus_a_proof_created_at_the_same_instant()
    {
        using var key = Key(KeyType.Ed25519);
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = _clock });
        var options = new IssuanceOptions { VerificationMethod = MethodOf(key) };
        var prepared = await new CredentialIssuer(engine, _clock, new CounterRandom()).PrepareAsync(Utf8(Unsigned), options);
        var issued = await new CredentialIssuer(engine, _clock, new CounterRandom()).IssueAsync(Utf8(Unsigned), key, options);

        var signed = JsonNode.Parse(issued.Utf8.Span)!.AsObject();
        Assert.Equal("2025-03-14T12:00:00Z", signed["proof"]!["created"]!.GetValue<string>());
        signed.Remove("proof");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(prepared.Utf8.Span), signed));
    }

    [Fact]
    public async Task Prepare_refuses_what_issue_refuses()
    {
        using var key = Key(KeyType.Ed25519);
        var issuer = new CredentialIssuer(new DataIntegrityEngine(), _clock, new CounterRandom());
        var options = new IssuanceOptions { VerificationMethod = MethodOf(key) };
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.PrepareAsync(Utf8("[1]"), options));
        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.PrepareAsync(Utf8("""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["Nope"],"credentialSubject":{"a":1}}"""), options));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await issuer.PrepareAsync(Utf8(Unsigned), options with { StatusPurposes = ["revocation"] }));
    }
}
