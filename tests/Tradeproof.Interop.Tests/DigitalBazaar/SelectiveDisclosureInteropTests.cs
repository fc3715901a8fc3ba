using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Cryptography;

namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>
/// ecdsa-sd-2023 across both stacks: base proofs issued on one side, disclosures derived on either side, derived
/// proofs verified on the other (mill test report; issuer and subject id mandatory, three claims disclosed).
/// </summary>
[Collection(DigitalBazaarCollection.Name)]
public sealed class SelectiveDisclosureInteropTests(DigitalBazaarProcess digitalBazaar) : IDisposable
{
    private readonly TradeproofSide _tradeproof = new();

    [DigitalBazaarFact]
    public async Task Digital_Bazaar_base_and_disclosure_verify_in_Tradeproof()
    {
        var derived = await DeriveInDigitalBazaarAsync(await IssueInDigitalBazaarAsync());

        Assert.Empty(await _tradeproof.VerifyCredentialAsync(Utf8(derived)));
        AssertDisclosesOnlyTheSelection(derived);
        Assert.Contains(
            await _tradeproof.VerifyCredentialAsync(Utf8(InteropDocuments.Tampered(derived))),
            p => p.Type == ProblemTypes.ProofVerificationError || p.Type == ProblemTypes.CryptographicSecurityError);
    }

    [DigitalBazaarFact]
    public async Task Tradeproof_base_and_disclosure_verify_in_Digital_Bazaar()
    {
        var derived = JsonNode.Parse(EcdsaSd2023.Derive(IssueInTradeproof(), InteropDocuments.SelectivePointers))!.AsObject();

        Assert.True(await VerifyInDigitalBazaarAsync(derived));
        AssertDisclosesOnlyTheSelection(derived);
        Assert.False(await VerifyInDigitalBazaarAsync(InteropDocuments.Tampered(derived)));
    }

    [DigitalBazaarFact]
    public async Task Tradeproof_base_disclosed_by_Digital_Bazaar_verifies_in_Tradeproof()
    {
        var baseDocument = JsonNode.Parse(IssueInTradeproof())!.AsObject();

        var derived = await DeriveInDigitalBazaarAsync(baseDocument);

        Assert.Empty(await _tradeproof.VerifyCredentialAsync(Utf8(derived)));
        AssertDisclosesOnlyTheSelection(derived);
    }

    [DigitalBazaarFact]
    public async Task Digital_Bazaar_base_disclosed_by_Tradeproof_verifies_in_Digital_Bazaar()
    {
        var baseDocument = await IssueInDigitalBazaarAsync();

        var derived = JsonNode.Parse(EcdsaSd2023.Derive(Utf8(baseDocument), InteropDocuments.SelectivePointers))!.AsObject();

        Assert.True(await VerifyInDigitalBazaarAsync(derived));
        AssertDisclosesOnlyTheSelection(derived);
    }

    public void Dispose() => _tradeproof.Dispose();

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static void AssertDisclosesOnlyTheSelection(JsonObject derived)
    {
        var subject = derived["credentialSubject"]!.AsObject();
        Assert.Equal("H24-118734", subject["heatNumber"]!.GetValue<string>());
        Assert.Equal("US", subject["countryOfMelt"]!.GetValue<string>());
        Assert.Equal("ASTM A572 Grade 50", subject["product"]!["grade"]!.GetValue<string>());
        Assert.False(subject.ContainsKey("customer"));
        Assert.False(subject.ContainsKey("chemicalComposition"));
        Assert.False(subject["product"]!.AsObject().ContainsKey("netWeightKg"));
    }

    private byte[] IssueInTradeproof() =>
        _tradeproof.Issue(InteropDocuments.MillTestReport(), EcdsaSd2023Cryptosuite.SuiteName, KeyType.P256);

    private async Task<JsonObject> IssueInDigitalBazaarAsync()
    {
        var response = await digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "issue",
            ["credential"] = InteropDocuments.MillTestReport(),
            ["mechanism"] = EcdsaSd2023Cryptosuite.SuiteName,
            ["keyType"] = "P-256",
            ["mandatoryPointers"] = new JsonArray([.. InteropDocuments.MandatoryPointers.Select(p => (JsonNode)p)]),
        });
        return response["document"]!.DeepClone().AsObject();
    }

    private async Task<JsonObject> DeriveInDigitalBazaarAsync(JsonObject baseDocument)
    {
        var response = await digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "derive",
            ["document"] = baseDocument.DeepClone(),
            ["selectivePointers"] = new JsonArray([.. InteropDocuments.SelectivePointers.Select(p => (JsonNode)p)]),
        });
        return response["document"]!.DeepClone().AsObject();
    }

    private async Task<bool> VerifyInDigitalBazaarAsync(JsonObject document)
    {
        var response = await digitalBazaar.SendAsync(new JsonObject { ["op"] = "verify", ["document"] = document.DeepClone() });
        return response["verified"]!.GetValue<bool>();
    }
}
