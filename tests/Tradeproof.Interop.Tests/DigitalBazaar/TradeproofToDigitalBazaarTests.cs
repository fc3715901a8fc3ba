using System.Text.Json.Nodes;

namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>Credentials issued by Tradeproof verify in Digital Bazaar's <c>@digitalbazaar/vc</c>; tampered ones do not.</summary>
[Collection(DigitalBazaarCollection.Name)]
public sealed class TradeproofToDigitalBazaarTests(DigitalBazaarProcess digitalBazaar) : IDisposable
{
    private readonly TradeproofSide _tradeproof = new();

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.Credentials), MemberType = typeof(InteropCases))]
    public async Task Issued_by_Tradeproof_verifies_in_Digital_Bazaar(string fixture, string mechanism, string keyType)
    {
        var signed = Issue(fixture, mechanism, keyType);

        var (verified, errors) = await VerifyAsync(signed);

        Assert.True(verified, string.Join("; ", errors));
    }

    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.Credentials), MemberType = typeof(InteropCases))]
    public async Task Issued_by_Tradeproof_then_tampered_fails_in_Digital_Bazaar(string fixture, string mechanism, string keyType)
    {
        var signed = Issue(fixture, mechanism, keyType);

        var (verified, errors) = await VerifyAsync(InteropDocuments.Tampered(signed));

        Assert.False(verified);
        Assert.NotEmpty(errors);
    }

    /// <summary>
    /// A known limitation of Digital Bazaar's eddsa-jcs-2022 1.0.0 and ecdsa-jcs-2019 1.0.0 (pinned here), not of
    /// the credentials: their verifiers check that the document's <c>@context</c> starts with the proof's by
    /// comparing entries with <c>!==</c>, so an inline context object (two equal objects once parsed from JSON)
    /// never matches, and they reject even their own credentials once serialised. When this test fails, the
    /// limitation is gone: move these cases into <see cref="InteropCases.Credentials"/> and update docs/interop.md.
    /// </summary>
    [DigitalBazaarTheory]
    [MemberData(nameof(InteropCases.JcsWithInlineContexts), MemberType = typeof(InteropCases))]
    public async Task Jcs_with_inline_contexts_is_rejected_by_Digital_Bazaar_from_either_side(string fixture, string mechanism, string keyType)
    {
        var ours = Issue(fixture, mechanism, keyType);
        var theirs = (await digitalBazaar.SendAsync(new JsonObject
        {
            ["op"] = "issue",
            ["credential"] = InteropDocuments.ForMechanism(InteropDocuments.Named(fixture), mechanism),
            ["mechanism"] = mechanism,
            ["keyType"] = keyType,
        }))["document"]!.DeepClone().AsObject();

        foreach (var document in new[] { ours, theirs })
        {
            var (verified, errors) = await VerifyAsync(document);
            Assert.False(verified);
            Assert.Contains("document.@context does not start with proof.@context", errors);
        }
    }

    public void Dispose() => _tradeproof.Dispose();

    private JsonObject Issue(string fixture, string mechanism, string keyType)
    {
        var credential = InteropDocuments.ForMechanism(InteropDocuments.Named(fixture), mechanism);
        var signed = _tradeproof.Issue(credential, mechanism, TradeproofSide.KeyTypeOf(keyType));
        return JsonNode.Parse(signed)!.AsObject();
    }

    private async Task<(bool Verified, IReadOnlyList<string> Errors)> VerifyAsync(JsonObject document)
    {
        var response = await digitalBazaar.SendAsync(new JsonObject { ["op"] = "verify", ["document"] = document.DeepClone() });
        var errors = response["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        return (response["verified"]!.GetValue<bool>(), errors);
    }
}
