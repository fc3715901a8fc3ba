using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Cryptography;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Demo;

/// <summary>
/// Steel (CBP test area 1): the Mexican mill's test report at the time of manufacture, the exporter's USMCA
/// certification of origin, the rail carrier's bill of lading and hand-over to the importer; the broker's entry
/// presentation to CBP; CBP verifies every issuer's did:web, runs the rules and builds the coil's twin. Failure twins:
/// a mill test report signed by an impostor in the mill's name (refused), a hand-over by a carrier outside CBP's trust
/// registry (not accepted), a hand-over by a trusted carrier that never held the coil (custody chain broken).
/// </summary>
public sealed class SteelScenario : DemoScenario
{
    internal const string Coil = SteelChainDocuments.Coil;
    internal const string Heat = SteelChainDocuments.Heat;
    private static readonly DateTimeOffset Rolled = SteelChainDocuments.Rolled;

    /// <inheritdoc />
    public override string Name => "steel";

    /// <inheritdoc />
    public override string Title => "Steel: mill test report -> USMCA certificate of origin -> bill of lading -> entry at CBP";

    /// <inheritdoc />
    public override async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var mill = demo.Party("aceros-monterrey");
        var exporter = demo.Party("monterrey-export");
        var carrier = demo.Party("kcsm-rail");
        var importer = demo.Party("great-lakes-steel");
        var broker = demo.Party("border-brokers");
        var cbp = demo.Party("cbp");
        var phantom = demo.Party("phantom-logistics");

        var report = await demo.IssueAsync(mill, "MillTestReportCredential", MillTestReport(mill, importer), at: Rolled, cancellationToken: cancellationToken).ConfigureAwait(false);
        var origin = await demo.IssueAsync(exporter, "USMCACertificationOfOrigin", SteelChainDocuments.UsmcaCertificate(exporter.Ref(), mill.Ref(), importer.Ref()), suite: "ecdsa-rdfc-2019", at: Rolled.AddDays(2), cancellationToken: cancellationToken).ConfigureAwait(false);
        var lading = await demo.IssueAsync(carrier, "BillOfLadingCredential", SteelChainDocuments.BillOfLading(carrier.Ref(), mill.Ref(), importer.Ref()), suite: "eddsa-jcs-2022", cancellationToken: cancellationToken).ConfigureAwait(false);
        var handOver = await demo.IssueAsync(carrier, "CustodyTransferCredential", SteelChainDocuments.HandOver(carrier.Ref(), importer.Ref()), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);

        // The mill sends its report to the importer's node (trade party to trade party), the broker files the entry.
        var toImporter = await demo.PresentAsync(mill, importer, [report], "cbp-steel-tech-demo-2023", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("the importer's node accepts the mill's presentation", toImporter.Accepted);
        var entry = await demo.PresentAsync(broker, cbp, [report, origin, lading, handOver], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the broker's entry presentation", entry.Accepted);
        demo.Expect("CBP's single window decides the entry may proceed (its provisional message goes to the broker)", demo.LastDecision == "may-proceed");
        var (_, result, twins) = await demo.JudgeAsync(cbp, [report, origin, lading, handOver], cancellationToken: cancellationToken).ConfigureAwait(false);
        demo.Expect("the entry is admissible (melt and pour backs the USMCA claim)", result.Decision == AdmissibilityDecision.Admissible);
        var twin = await demo.ReportTwinAsync(cbp, twins, Coil, cancellationToken).ConfigureAwait(false);
        demo.Expect("the coil's twin has the importer as custodian and no issues", twin is { Issues.Count: 0 } && twin.Custodian?.Id == importer.Did);

        // Failure twin 1: an impostor signs a mill test report in the mill's name with its own key.
        var forged = await ForgeAsync(demo, mill, importer, cancellationToken).ConfigureAwait(false);
        demo.Report(DemoStepKind.Note, phantom, $"forged a MillTestReportCredential naming {mill.Did} as issuer, signed with its own did:key");
        var refused = await demo.PresentBytesAsync(broker, cbp, [forged, origin.Utf8], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP refuses the presentation with the forged mill test report (422)", refused.Status == 422);

        // Failure twin 2: a hand-over by a carrier CBP's trust registry does not list: its signature is valid, and CBP's
        // node refuses it at verification (issuer not trusted) or its single window rejects the filing.
        var phantomHandOver = await demo.IssueAsync(phantom, "CustodyTransferCredential", SteelChainDocuments.HandOver(phantom.Ref(), importer.Ref()), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var untrusted = await demo.PresentAsync(broker, cbp, [report, lading, phantomHandOver], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP does not accept Phantom Logistics' hand-over (not in its trust registry: refused at verification, or the filing rejected)", untrusted.Status == 422 || demo.LastDecision == "rejected");

        // Failure twin 3: a hand-over by a carrier CBP trusts, but which never held the coil (the rail carrier did).
        var reefer = demo.Party("cold-chain");
        var wrongHandOver = await demo.IssueAsync(reefer, "CustodyTransferCredential", SteelChainDocuments.HandOver(reefer.Ref(), importer.Ref()), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var broken = await demo.PresentAsync(broker, cbp, [report, lading, wrongHandOver], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the signed documents of the broken chain (every signature is valid, every issuer trusted)", broken.Accepted);
        demo.Expect("CBP's single window rejects the broken chain (custody passes from a carrier that never held the coil)", demo.LastDecision == "rejected");
        var (_, brokenResult, brokenTwins) = await demo.JudgeAsync(cbp, [report, lading, wrongHandOver], cancellationToken: cancellationToken).ConfigureAwait(false);
        await demo.ReportTwinAsync(cbp, brokenTwins, Coil, cancellationToken).ConfigureAwait(false);
        demo.Expect("the broken custody chain makes the entry not admissible (CHAIN-CUSTODY-BROKEN)", brokenResult.Has("CHAIN-CUSTODY-BROKEN", FindingSeverity.Fail) && !brokenResult.IsAdmissible);
    }

    internal static string MillTestReport(DemoParty mill, DemoParty importer) => SteelChainDocuments.MillTestReport(importer.Ref(), mill.Country, mill.Country);

    // A mill test report naming the mill as issuer but signed with someone else's did:key: the signature is valid
    // for that key, and the verifier's issuer binding refuses it (the key is not the mill's).
    private static async Task<byte[]> ForgeAsync(DemoContext demo, DemoParty mill, DemoParty importer, CancellationToken cancellationToken)
    {
        // The impostor's own signing tool (no node of the network signs this).
        var time = demo.Network.Options.Time;
        var random = demo.Network.Options.Random;
        var transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader });
        var issuer = new CredentialIssuer(new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = time, Random = random, Transforms = transforms }), time, random);
        using var key = KeyPair.Generate(KeyType.Ed25519, demo.Network.Options.Random);
        var did = "did:key:" + key.PublicKey.ToMultibase();
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"),
            ["type"] = new JsonArray("VerifiableCredential", "MillTestReportCredential"),
            ["issuer"] = mill.Organization(),
            ["credentialSubject"] = JsonNode.Parse(MillTestReport(mill, importer)),
        };
        var issued = await issuer.IssueAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), key, new IssuanceOptions
        {
            VerificationMethod = did + "#" + key.PublicKey.ToMultibase(),
            Issuer = mill.Did,
        }, cancellationToken).ConfigureAwait(false);
        return issued.Utf8.ToArray();
    }
}
