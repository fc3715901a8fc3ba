using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;

namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>Credentials issued by Digital Bazaar's <c>@digitalbazaar/vc</c> verify in Tradeproof; tampered ones do not.</summary>
[Collection(DigitalBazaarCollection.Name)]
public sealed class DigitalBazaarToTradeproofTests(DigitalBazaarProcess digitalBazaar) : IDisposable
{
    private readonly TradeproofSide _tradeproof = new();

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.Credentials), MemberType = typeof(InteropCases))]
    public async Task Issued_by_Digital_Bazaar_verifies_in_Tradeproof(string fixture, string mechanism, string keyType)
    {
        var signed = await IssueAsync(fixture, mechanism, keyType);

        var problems = await _tradeproof.VerifyCredentialAsync(Utf8(signed));

        Assert.Empty(problems);
        Assert.Equal(ProofTypeOf(mechanism), signed["proof"]!["type"]!.GetValue<string>());
    }

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.Credentials), MemberType = typeof(InteropCases))]
    public async Task Issued_by_Digital_Bazaar_then_tampered_fails_in_Tradeproof(string fixture, string mechanism, string keyType)
    {
        var signed = await IssueAsync(fixture, mechanism, keyType);

        var problems = await _tradeproof.VerifyCredentialAsync(Utf8(InteropDocuments.Tampered(signed)));

        Assert.Contains(problems, p => p.Type == ProblemTypes.ProofVerificationError || p.Type == ProblemTypes.CryptographicSecurityError);
    }

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.JcsWithInlineContexts), MemberType = typeof(InteropCases))]
    public async Task Jcs_with_inline_contexts_issued_by_Digital_Bazaar_verifies_in_Tradeproof(string fixture, string mechanism, string keyType)
    {
        var signed = await IssueAsync(fixture, mechanism, keyType);

        Assert.Empty(await _tradeproof.VerifyCredentialAsync(Utf8(signed)));
        Assert.NotEmpty(await _tradeproof.VerifyCredentialAsync(Utf8(InteropDocuments.Tampered(signed))));
    }

    [DigitalBazaarFact]
    public async Task Digital_Bazaar_refuses_to_fetch_anything()
    {
        var credential = InteropDocuments.MillTestReport();
        credential["@context"]!.AsArray().Add("https://example.com/not-embedded/v1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "issue",
            ["credential"] = credential,
            ["mechanism"] = "eddsa-rdfc-2022",
        }));

        Assert.Contains("offline document loader: refusing to load https://example.com/not-embedded/v1", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _tradeproof.Dispose();

    internal static string ProofTypeOf(string mechanism) =>
        mechanism == "Ed25519Signature2020" ? "Ed25519Signature2020" : "DataIntegrityProof";

    internal static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private async Task<JsonObject> IssueAsync(string fixture, string mechanism, string keyType)
    {
        var response = await digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "issue",
            ["credential"] = InteropDocuments.ForMechanism(InteropDocuments.Named(fixture), mechanism),
            ["mechanism"] = mechanism,
            ["keyType"] = keyType,
            ["created"] = "2025-03-14T09:30:00Z",
        });
        return response["document"]!.DeepClone().AsObject();
    }
}
