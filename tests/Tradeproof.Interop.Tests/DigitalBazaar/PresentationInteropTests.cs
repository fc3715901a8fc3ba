using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;

namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>
/// Verifiable presentations with <c>challenge</c> and <c>domain</c> (authentication purpose) both ways: the holder
/// signs a presentation of a credential issued by the same stack; the other stack verifies the presentation's proof
/// and the credential inside; a wrong challenge or domain fails.
/// </summary>
[Collection(DigitalBazaarCollection.Name)]
public sealed class PresentationInteropTests(DigitalBazaarProcess digitalBazaar) : IDisposable
{
    private const string Challenge = "a7b1c9d2-challenge";
    private const string Domain = "https://customs.example/verifier";
    private readonly TradeproofSide _tradeproof = new();

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.Presentations), MemberType = typeof(InteropCases))]
    public async Task Presented_by_Digital_Bazaar_verifies_in_Tradeproof(string mechanism, string keyType)
    {
        var presentation = await PresentInDigitalBazaarAsync(mechanism, keyType);

        Assert.Empty(await _tradeproof.VerifyPresentationAsync(Utf8(presentation), Challenge, Domain));
        Assert.NotEmpty(await _tradeproof.VerifyPresentationAsync(Utf8(presentation), "another-challenge", Domain));
        Assert.NotEmpty(await _tradeproof.VerifyPresentationAsync(Utf8(presentation), Challenge, "https://elsewhere.example"));
    }

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.Presentations), MemberType = typeof(InteropCases))]
    public async Task Presented_by_Tradeproof_verifies_in_Digital_Bazaar(string mechanism, string keyType)
    {
        var type = TradeproofSide.KeyTypeOf(keyType);
        var credential = JsonNode.Parse(_tradeproof.Issue(InteropDocuments.MillTestReport(), mechanism, type))!;
        var unsigned = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(credential),
        };
        var presentation = JsonNode.Parse(_tradeproof.Present(unsigned, mechanism, type, Challenge, Domain))!.AsObject();

        var valid = await VerifyInDigitalBazaarAsync(presentation, Challenge, Domain);
        Assert.True(valid["verified"]!.GetValue<bool>(), valid["errors"]!.ToJsonString());
        Assert.Equal([true], valid["credentialsVerified"]!.AsArray().Select(v => v!.GetValue<bool>()));
        Assert.False((await VerifyInDigitalBazaarAsync(presentation, "another-challenge", Domain))["presentationVerified"]!.GetValue<bool>());
        Assert.False((await VerifyInDigitalBazaarAsync(presentation, Challenge, "https://elsewhere.example"))["presentationVerified"]!.GetValue<bool>());
    }

    [DigitalBazaarFact]
    public async Task Presentation_with_a_tampered_credential_fails_in_Tradeproof()
    {
        var presentation = await PresentInDigitalBazaarAsync("eddsa-rdfc-2022", "Ed25519", tamperCredential: true);

        var problems = await _tradeproof.VerifyPresentationAsync(Utf8(presentation), Challenge, Domain);

        Assert.Contains(problems, p => p.Type == ProblemTypes.ProofVerificationError || p.Type == ProblemTypes.CryptographicSecurityError);
    }

    public void Dispose() => _tradeproof.Dispose();

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private async Task<JsonObject> PresentInDigitalBazaarAsync(string mechanism, string keyType, bool tamperCredential = false)
    {
        var issued = await digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "issue",
            ["credential"] = InteropDocuments.MillTestReport(),
            ["mechanism"] = mechanism,
            ["keyType"] = keyType,
        });
        var credential = issued["document"]!.DeepClone().AsObject();
        if (tamperCredential)
        {
            credential = InteropDocuments.Tampered(credential);
        }

        var presented = await digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "present",
            ["presentation"] = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["verifiableCredential"] = new JsonArray(credential),
            },
            ["mechanism"] = mechanism,
            ["keyType"] = keyType,
            ["challenge"] = Challenge,
            ["domain"] = Domain,
        });
        return presented["document"]!.DeepClone().AsObject();
    }

    private Task<JsonObject> VerifyInDigitalBazaarAsync(JsonObject presentation, string challenge, string domain) =>
        digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "verifyPresentation",
            ["document"] = presentation.DeepClone(),
            ["challenge"] = challenge,
            ["domain"] = domain,
        });
}
