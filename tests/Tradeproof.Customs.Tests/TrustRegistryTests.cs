using System.Text;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Verification;
using Tradeproof.Customs.Registry;

namespace Tradeproof.Customs.Tests;

public sealed class TrustRegistryTests : IDisposable
{
    private readonly SteelFiling _steel = new();

    public void Dispose() => _steel.Dispose();

    private DateTimeOffset Now => _steel.Network.Clock.Now;

    [Fact]
    public void Allowed_issuer_and_type_pass_and_every_other_combination_is_refused_with_the_reason()
    {
        var registry = _steel.Registry();
        Assert.True(registry.Evaluate(_steel.Mill.Did, ["VerifiableCredential", "MillTestReportCredential"], "MX").Allowed);
        var wrongType = registry.Evaluate(_steel.Mill.Did, ["VerifiableCredential", "CTPATCertificate"]);
        Assert.False(wrongType.Allowed);
        Assert.Contains("does not allow", wrongType.Reason, StringComparison.Ordinal);
        Assert.Contains("CTPATCertificate", wrongType.Reason, StringComparison.Ordinal);
        Assert.False(registry.Evaluate(_steel.Forger.Did, ["VerifiableCredential", "MillTestReportCredential"]).Allowed);
        Assert.False(registry.Evaluate(_steel.Mill.Did, ["VerifiableCredential"]).Allowed);
    }

    [Fact]
    public void Countries_limit_an_allow_to_issuers_located_there()
    {
        var registry = _steel.Registry();
        var answer = registry.Evaluate(_steel.Mill.Did, ["MillTestReportCredential"], "CN");
        Assert.False(answer.Allowed);
        Assert.Contains("only for MX, not CN", answer.Reason, StringComparison.Ordinal);
        Assert.True(registry.Evaluate(_steel.Mill.Did, ["MillTestReportCredential"], null).Allowed);
    }

    [Fact]
    public void A_deny_wins_over_an_allow_and_the_wildcard_covers_every_type()
    {
        var registry = _steel.Registry().Allow(_steel.Carrier.Did, [TrustEntry.AnyType], Now);
        Assert.True(registry.Evaluate(_steel.Carrier.Did, ["PackingListCredential"]).Allowed);
        var denied = registry.Deny(_steel.Carrier.Did, [TrustEntry.AnyType], Now, "licence withdrawn");
        Assert.Equal(registry.Version + 1, denied.Version);
        var answer = denied.Evaluate(_steel.Carrier.Did, ["BillOfLadingCredential"]);
        Assert.False(answer.Allowed);
        Assert.Contains("licence withdrawn", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aeo_certificate_of_a_partner_under_an_arrangement_is_accepted_and_of_anyone_else_not()
    {
        var registry = _steel.Registry();
        var answer = registry.Evaluate(_steel.MexicanCustoms.Did, ["VerifiableCredential", TrustRegistry.AeoCertificateType]);
        Assert.True(answer.Allowed);
        Assert.Contains("recognised as CTPAT", answer.Reason, StringComparison.Ordinal);
        Assert.False(registry.Evaluate(_steel.Forger.Did, [TrustRegistry.AeoCertificateType]).Allowed);

        // The partner's CTPAT certificate is recognised the same way; without the arrangement, neither is.
        Assert.True(registry.Evaluate(_steel.MexicanCustoms.Did, [TrustRegistry.CtpatCertificateType]).Allowed);
        var without = registry.Unrecognise(_steel.MexicanCustoms.Did, _steel.Network.Clock.Now);
        Assert.Equal(registry.Version + 1, without.Version);
        Assert.False(without.Evaluate(_steel.MexicanCustoms.Did, [TrustRegistry.AeoCertificateType]).Allowed);
        Assert.False(without.Evaluate(_steel.MexicanCustoms.Did, [TrustRegistry.CtpatCertificateType]).Allowed);
        Assert.Throws<TrustRegistryException>(() => without.Unrecognise(_steel.MexicanCustoms.Did, _steel.Network.Clock.Now));
    }

    [Fact]
    public void Json_round_trips_and_bad_documents_name_the_member()
    {
        var registry = _steel.Registry();
        var again = TrustRegistry.Parse(registry.ToJson());
        Assert.Equal(registry.Version, again.Version);
        Assert.Equal(registry.Entries.Count, again.Entries.Count);
        Assert.Equal(registry.Entries[0], again.Entries[0] with { CredentialTypes = registry.Entries[0].CredentialTypes, Countries = registry.Entries[0].Countries, Roles = registry.Entries[0].Roles });
        Assert.Equal(registry.ToJson(), again.ToJson());
        Assert.Equal(registry.Arrangements, again.Arrangements);

        var bad = Encoding.UTF8.GetString(registry.ToJson()).Replace("\"allow\"", "\"maybe\"", StringComparison.Ordinal);
        var e = Assert.Throws<TrustRegistryException>(() => TrustRegistry.Parse(Encoding.UTF8.GetBytes(bad)));
        Assert.Contains("/entries/0/effect", e.Message, StringComparison.Ordinal);
        Assert.Throws<TrustRegistryException>(() => TrustRegistry.Parse("[]"u8));
        Assert.Throws<TrustRegistryException>(() => TrustRegistry.Parse("{\"type\":\"TradeproofTrustRegistry\"}"u8));
        Assert.Throws<TrustRegistryException>(() => registry.Allow("not-a-did", ["X"], Now));
        Assert.Throws<TrustRegistryException>(() => registry.Allow(_steel.Mill.Did, ["X"], Now, ["mexico"]));
    }

    [Fact]
    public async Task A_signed_registry_verifies_and_an_altered_or_foreign_signed_one_does_not()
    {
        var registry = _steel.Registry();
        var signer = new TrustRegistrySigner(_steel.Network.Engine);
        var resolver = new DidVerificationMethodResolver(new Dids.DidResolver([new Dids.DidKeyResolver()]));
        var signed = signer.Sign(registry, _steel.Cbp.Key, _steel.Cbp.VerificationMethod);
        var check = await signer.VerifyAsync(signed, resolver);
        Assert.True(check.Verified, string.Join("; ", check.Problems));
        Assert.Equal(registry.Version, check.Registry!.Version);

        // A forger adds himself to CBP's registry: the proof no longer verifies.
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace(_steel.Carrier.Did, _steel.Forger.Did, StringComparison.Ordinal));
        Assert.False((await signer.VerifyAsync(altered, resolver)).Verified);

        // A registry naming CBP as authority but signed by someone else's key is refused.
        Assert.Throws<ArgumentException>(() => signer.Sign(registry, _steel.Forger.Key, _steel.Forger.VerificationMethod));
        var signedForeign = _steel.Network.Engine.AddProof(registry.ToJson(), new ProofOptions { Cryptosuite = "eddsa-jcs-2022", VerificationMethod = _steel.Forger.VerificationMethod }, _steel.Forger.Key);
        var foreignCheck = await signer.VerifyAsync(signedForeign, resolver);
        Assert.False(foreignCheck.Verified);
        Assert.Null(foreignCheck.Registry);
        Assert.Contains(foreignCheck.Problems, p => p.Contains("someone other than its authority", StringComparison.Ordinal));

        var notJson = await signer.VerifyAsync("nope"u8.ToArray(), resolver);
        Assert.False(notJson.Verified);
    }

    [Fact]
    public async Task The_policy_plugs_into_the_verifier_a_forged_issuer_fails_issuer_binding()
    {
        var policy = new TrustRegistryPolicy(_steel.Registry());
        var received = _steel.Network.Receive(policy, _steel.MillTestReport(), _steel.MillTestReport(_steel.Forger));
        Assert.True(received[0].Verified, string.Join("; ", received[0].Problems));
        Assert.False(received[1].Verified);
        Assert.Contains(received[1].Problems, p => p.Contains("not trusted", StringComparison.OrdinalIgnoreCase));

        var none = new TrustRegistryPolicy(_ => ValueTask.FromResult<TrustRegistry?>(null));
        var decision = await none.EvaluateAsync(_steel.Mill.Did, ["MillTestReportCredential"]);
        Assert.Equal(CheckOutcome.Indeterminate, decision.Outcome);
    }
}
