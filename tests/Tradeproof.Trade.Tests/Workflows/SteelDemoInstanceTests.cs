using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Tests.Presentations;
using Tradeproof.Trade.Workflows;

namespace Tradeproof.Trade.Tests.Workflows;

/// <summary>
/// The CBP steel tech demo 2023 end to end at CBP's node: six parties issue credentials and present them in traceable
/// presentations signed against challenges CBP issued; CBP verifies each, keeps it in its inbox, and follows the
/// instance's progress with the parties bound to their DIDs.
/// </summary>
public sealed class SteelDemoInstanceTests : IDisposable
{
    private const string Workflow = "https://w3id.org/traceability#cbp-steel-tech-demo-2023";
    private const string Instance = "urn:uuid:2c7e9a41-0d5b-4f3a-9e68-7b1c2d3e4f50";
    private const string Domain = "cbp.example";
    private readonly PresentationFixture _f = new();
    private readonly TestParty _buyer = TestParty.FromSecret(KeyType.Ed25519, 21);
    private readonly TestParty _producer = TestParty.FromSecret(KeyType.P256, 22);
    private readonly TestParty _broker = TestParty.FromSecret(KeyType.Ed25519, 23);
    private readonly TestParty _sima = TestParty.FromSecret(KeyType.Ed25519, 24);
    private readonly TestParty _carrier = TestParty.FromSecret(KeyType.P256, 25);
    private readonly TestParty _cbp = TestParty.FromSecret(KeyType.Ed25519, 26);
    private readonly InMemoryChallengeStore _challenges;
    private readonly TraceablePresentationVerifier _verifier;
    private readonly InMemoryTraceablePresentationInbox _inbox = new();
    private int _sequence;

    public SteelDemoInstanceTests()
    {
        _challenges = new InMemoryChallengeStore(_f.Clock, new CounterRandom(0x90));
        _verifier = new TraceablePresentationVerifier(new CredentialVerifier(new VerifierOptions { TimeProvider = _f.Clock, ChallengeStore = _challenges, Domains = [Domain] }));
    }

    public void Dispose()
    {
        _f.Dispose();
        foreach (var party in new[] { _buyer, _producer, _broker, _sima, _carrier, _cbp })
        {
            party.Dispose();
        }
    }

    [Fact]
    public async Task Cbp_follows_the_instance_from_partial_to_complete_with_each_step_from_its_party()
    {
        var definition = WorkflowCatalog.Default.Find(Workflow)!;
        var options = new WorkflowProgressOptions
        {
            Receiver = "CBP",
            PartyBindings = new Dictionary<string, string>
            {
                ["Steel Buyer"] = _buyer.Did,
                ["Steel Producer"] = _producer.Did,
                ["Customs Broker"] = _broker.Did,
                ["SIMA"] = _sima.Did,
                ["Road Carrier"] = _carrier.Did,
            },
        };

        var ctpatOfBuyer = Credential(_cbp, "CTPATCertificate", _buyer);
        await Submit(_buyer, Credential(_buyer, "PurchaseOrderCredential", _producer));
        await Submit(_buyer, Credential(_buyer, "IntentToImportCredential", _cbp));
        await Submit(_buyer, ctpatOfBuyer);
        await Submit(_producer, Credential(_producer, "CommercialInvoiceCredential", _buyer), Credential(_producer, "MillTestReportCredential", _buyer));

        var partial = await Progress(definition, options);
        Assert.False(partial.IsComplete);
        Assert.Equal(["SIMASteelImportLicenseCredential", "EntryNumberCredential", "MultiModalBillOfLadingCredential"], partial.Missing.Select(m => m.Term));
        Assert.Equal("SIMA", partial.Next!.From.Name);
        Assert.Equal(_cbp.Did, partial.Present.Single(p => p.TypeId.EndsWith("#CTPATCertificate", StringComparison.Ordinal)).Issuer);

        await Submit(_sima, Credential(_sima, "SIMASteelImportLicenseCredential", _broker));
        await Submit(_carrier, Credential(_cbp, "CTPATCertificate", _carrier));
        await Submit(_broker, Credential(_broker, "EntryNumberCredential", _buyer));

        // The broker presents the carrier's bill of lading; a stranger presenting the same type does not do the broker's step.
        var billOfLading = Credential(_carrier, "MultiModalBillOfLadingCredential", _producer);
        await Submit(_f.Stranger, billOfLading);
        var byStranger = await Progress(definition, options);
        Assert.True(byStranger.IsComplete);
        Assert.False(byStranger.Steps[^1].Done);

        await Submit(_broker, billOfLading);
        var complete = await Progress(definition, options);
        Assert.True(complete.IsComplete);
        Assert.All(complete.Steps, s => Assert.True(s.Done, $"step {s.Step.Number} not done"));
        Assert.Null(complete.Next);
        Assert.Equal(9, complete.Steps.Count);
        Assert.Empty(complete.Unexpected);
    }

    [Fact]
    public async Task A_presentation_replayed_or_sent_without_cbp_s_challenge_is_refused_before_the_inbox()
    {
        var invoice = Credential(_producer, "CommercialInvoiceCredential", _buyer);
        var challenge = _challenges.Issue(Domain);
        var signed = _f.Sign(_producer, Build(_producer, [invoice]), challenge, Domain, SuiteOf(_producer));
        Assert.True((await _verifier.VerifyAsync(signed, new VerificationRequest { Challenge = challenge })).Verified);
        var replay = await _verifier.VerifyAsync(signed, new VerificationRequest { Challenge = challenge });
        Assert.Equal("Challenge already used", Assert.Single(replay.Problems).Title);

        var forged = _f.Sign(_producer, Build(_producer, [invoice]), "a-challenge-cbp-never-issued", Domain, SuiteOf(_producer));
        Assert.False((await _verifier.VerifyAsync(forged, new VerificationRequest { Challenge = "a-challenge-cbp-never-issued" })).Verified);
    }

    private async Task Submit(TestParty holder, params byte[][] credentials)
    {
        var challenge = _challenges.Issue(Domain);
        var signed = _f.Sign(holder, Build(holder, credentials), challenge, Domain, SuiteOf(holder));
        var verified = await _verifier.VerifyAsync(signed, new VerificationRequest { Challenge = challenge });
        Assert.True(verified.Verified, string.Join("; ", verified.Problems.Concat(verified.Credentials.SelectMany(c => c.Problems))));
        Assert.True((await _inbox.AcceptAsync("cbp", verified.Presentation!, _f.Clock.GetUtcNow())).Accepted);
        _f.Clock.Now = _f.Clock.Now.AddMinutes(10);
    }

    private byte[] Build(TestParty holder, IReadOnlyList<byte[]> credentials) => _f.Builder.Build(new TraceablePresentationContent
    {
        Holder = holder.Did,
        Definitions = [Workflow],
        Instances = [Instance],
        Credentials = credentials.Select(c => (ReadOnlyMemory<byte>)c).ToList(),
        Id = $"urn:uuid:00000000-0000-4000-8000-{++_sequence:D12}",
    });

    private static string SuiteOf(TestParty party) => party.Key.PublicKey.Type == KeyType.P256 ? "ecdsa-rdfc-2019" : "eddsa-rdfc-2022";

    private byte[] Credential(TestParty issuer, string type, TestParty subject) => _f.Issue(issuer, type, subject.Did, SuiteOf(issuer));

    private async Task<WorkflowProgress> Progress(WorkflowDefinition definition, WorkflowProgressOptions options)
    {
        var stored = await _inbox.ListInstanceAsync("cbp", Instance);
        return WorkflowProgressTracker.Evaluate(definition, Instance, stored.Select(s => s.ToReceived()), options);
    }
}
