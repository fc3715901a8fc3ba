using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Exchange;
using Tradeproof.Customs.Intake;
using Tradeproof.Customs.Messages;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Customs;

/// <summary>
/// Customs processing after a presentation is committed to an inbox (<see cref="IPresentationReceivedHandler"/>):
/// <list type="bullet">
/// <item>a customs tenant's filing is assessed (<see cref="CustomsAssessor"/>: verification, trust registry, rules,
/// agency routes, and the export declaration of the exporting customs when one was received), the decision is kept,
/// recorded on the goods' twins (a <c>declared</c> event with the status) and answered with a signed provisional
/// message queued for the filer; agency referrals and copies are queued for the agencies;</item>
/// <item>a PGA shipment status from a routed agency updates the held filing (hold -> may proceed) and sends a new
/// provisional message;</item>
/// <item>an export declaration from another customs authority (G2G) is kept for matching with the import entry;</item>
/// <item>an agency tenant answers a referral with a PGA shipment status credential.</item>
/// </list>
/// Tenants without a customs profile are left alone.
/// </summary>
public sealed class CustomsIntakeHandler(CustomsServices customs, ILogger? logger = null) : IPresentationReceivedHandler
{
    /// <summary>Outbox kinds.</summary>
    public const string ProvisionalMessageKind = "provisional-message";

    /// <summary>A referral (or copy) to an agency.</summary>
    public const string AgencyReferralKind = "agency-referral";

    /// <summary>An agency's answer to customs.</summary>
    public const string PgaStatusKind = "pga-status";

    /// <summary>A G2G exchange between customs authorities.</summary>
    public const string ExchangeKind = "g2g";

    /// <summary>The document kind prefix of received export declarations (by shipment identifier).</summary>
    public const string ExportDeclarationKind = "export-declaration:";

    private readonly CustomsAssessor _assessor = new();

    /// <inheritdoc />
    public async ValueTask OnPresentationReceivedAsync(PresentationReceived received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);

        // Processing must not depend on the submitter's connection: the presentation is committed.
        cancellationToken = CancellationToken.None;
        var profile = await customs.ProfileAsync(received.TenantId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return;
        }

        if (profile.Role == CustomsProfile.AgencyRole)
        {
            await AnswerReferralAsync(received, profile, cancellationToken).ConfigureAwait(false);
            return;
        }

        var types = received.Credentials.SelectMany(c => c.Types).ToHashSet(StringComparer.Ordinal);
        var routes = await customs.RoutesAsync(received.TenantId, cancellationToken).ConfigureAwait(false);
        if (types.Contains(PgaShipmentStatus.CredentialType))
        {
            if (routes.RouteOf(received.Presentation.Holder) is { } route)
            {
                await ApplyAgencyAnswerAsync(received, profile, route, cancellationToken).ConfigureAwait(false);
                return;
            }

            // An agency this authority does not route to: its status changes nothing; it is told why.
            logger?.LogWarning("PGA status {Presentation} from {Holder}, which no routing rule names: refused", received.Presentation.Id, received.Presentation.Holder);
            var refused = new CustomsDecision
            {
                Status = ProvisionalStatus.Rejected,
                Reasons = [new CustomsReason(CustomsReasonCodes.AgencyNotRouted, $"{received.Presentation.Holder} is not an agency this customs authority routes goods to: its shipment status is not applied.")],
                ReferencedCredentials = [.. received.Credentials.Select(c => c.Id).OfType<string>()],
            };
            await RecordAndAnswerAsync(received.TenantId, profile, received.Presentation.Id, received.Presentation.Holder, refused, [], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (types.Contains("ExportDeclarationCredential") && !types.Contains("CBP7501EntrySummaryCredential"))
        {
            await KeepExportDeclarationsAsync(received, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AssessFilingAsync(received, profile, routes, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AssessFilingAsync(PresentationReceived received, CustomsProfile profile, AgencyRoutingRules routes, CancellationToken cancellationToken)
    {
        var tenantId = received.TenantId;
        var registry = await customs.CurrentRegistryAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (registry is not null && !customs.ChecksRegistryAtVerification(tenantId))
        {
            // The registry was made by another process on this store: from the next filing on, the verifier checks it.
            _ = await customs.RefreshTrustPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }

        var checkedCredentials = await RecheckTrustedTradersAsync(received.Credentials, cancellationToken).ConfigureAwait(false);
        var policy = await customs.PolicyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var decision = (policy is null ? _assessor : new CustomsAssessor(policy: policy)).Assess(checkedCredentials, registry, routes);
        decision = await MatchExportAsync(received, decision, cancellationToken).ConfigureAwait(false);
        await RecordAndAnswerAsync(received.TenantId, profile, received.Presentation.Id, received.Presentation.Holder, decision, [], cancellationToken).ConfigureAwait(false);

        foreach (var agency in decision.Status == ProvisionalStatus.Rejected ? [] : decision.Agencies)
        {
            var credentials = received.Presentation.Credentials.Select(c => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(c.GetRawText())).ToList();
            _ = await customs.EnqueueAsync(tenantId, AgencyReferralKind, agency.Node, received.Presentation.Id, null, credentials, cancellationToken).ConfigureAwait(false);
        }
    }

    // A trusted-trader certificate (CTPAT, AEO) with a status entry is verified again with an empty status list cache:
    // its revocation at the issuer's node counts from the next filing, not when the cached list expires.
    private async ValueTask<IReadOnlyList<ReceivedCredential>> RecheckTrustedTradersAsync(IReadOnlyList<ReceivedCredential> credentials, CancellationToken cancellationToken)
    {
        if (!credentials.Any(NeedsFreshStatus))
        {
            return credentials;
        }

        var verifier = customs.FreshVerifier();
        var result = new List<ReceivedCredential>(credentials.Count);
        foreach (var credential in credentials)
        {
            if (!NeedsFreshStatus(credential))
            {
                result.Add(credential);
                continue;
            }

            var again = await CredentialIntake.VerifyAsync(verifier, Encoding.UTF8.GetBytes(credential.Json.GetRawText()), credential.ReceivedAt, cancellationToken).ConfigureAwait(false);
            result.Add(again.Verified ? credential : new ReceivedCredential(credential.Json, false, credential.Issuer, credential.ReceivedAt,
                [.. again.Problems, "checked afresh against the issuer's status list (trusted-trader certificates are never taken from a cached list)"]));
            if (!again.Verified)
            {
                logger?.LogWarning("Trusted-trader certificate {Credential} of {Issuer} no longer verifies: {Problems}", credential.Id, credential.Issuer, string.Join("; ", again.Problems));
            }
        }

        return result;
    }

    private static bool NeedsFreshStatus(ReceivedCredential credential) =>
        credential.Verified && credential.Types.Any(CustomsAssessor.TrustedTraderTypes.Contains)
        && credential.Json.ValueKind == JsonValueKind.Object && credential.Json.TryGetProperty("credentialStatus", out _);

    // My Export is Your Import: the entry summary against the export declaration received from the exporting customs
    // (or carried in the filing itself).
    private async ValueTask<CustomsDecision> MatchExportAsync(PresentationReceived received, CustomsDecision decision, CancellationToken cancellationToken)
    {
        var entry = received.Credentials.FirstOrDefault(c => c.Verified && c.Types.Contains("CBP7501EntrySummaryCredential"));
        if (entry is null)
        {
            return decision;
        }

        JsonElement? declaration = received.Credentials.FirstOrDefault(c => c.Verified && c.Types.Contains("ExportDeclarationCredential"))?.Json;
        var shipment = CredentialFields.Str(entry.Json, "credentialSubject", "billOfLadingNumber");
        if (declaration is null && shipment is not null)
        {
            var stored = await customs.Node.Store.Customs.GetDocumentAsync(received.TenantId, ExportDeclarationKind + shipment, null, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                using var document = JsonDocument.Parse(stored.Content);
                declaration = document.RootElement.Clone();
            }
        }

        if (declaration is null)
        {
            return decision;
        }

        var match = new ExportImportMatcher().Match(declaration.Value, entry.Json);
        if (match.Matches)
        {
            return decision with { Reasons = [.. decision.Reasons, new CustomsReason("export-import-match", "The entry matches the export declaration of the exporting customs.", entry.Id)] };
        }

        return decision with
        {
            Status = ProvisionalStatus.Rejected,
            Reasons = [.. decision.Reasons.Where(r => r.Code != CustomsReasonCodes.TrustedTrader), .. match.Differences.Select(d => new CustomsReason(CustomsReasonCodes.ExportMismatch, d.Message, entry.Id))],
        };
    }

    private async ValueTask KeepExportDeclarationsAsync(PresentationReceived received, CancellationToken cancellationToken)
    {
        var registry = await customs.CurrentRegistryAsync(received.TenantId, cancellationToken).ConfigureAwait(false);
        foreach (var credential in received.Credentials.Where(c => c.Verified && c.Types.Contains("ExportDeclarationCredential")))
        {
            var trusted = registry is not null && credential.Issuer is not null && registry.Evaluate(credential.Issuer, credential.Types).Allowed;
            var shipment = CredentialFields.Str(credential.Json, "credentialSubject", "shipmentIdentifier");
            if (!trusted || shipment is null)
            {
                logger?.LogWarning("Export declaration {Credential} from {Issuer} not kept: {Why}", credential.Id, credential.Issuer, trusted ? "no shipmentIdentifier" : "issuer not trusted by the registry");
                continue;
            }

            var kind = ExportDeclarationKind + shipment;
            var latest = await customs.Node.Store.Customs.GetDocumentAsync(received.TenantId, kind, null, cancellationToken).ConfigureAwait(false);
            _ = await customs.Node.Store.Customs.SaveDocumentAsync(received.TenantId, kind, latest?.Version ?? 0, Encoding.UTF8.GetBytes(credential.Json.GetRawText()), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ApplyAgencyAnswerAsync(PresentationReceived received, CustomsProfile profile, AgencyRoute route, CancellationToken cancellationToken)
    {
        var filingId = received.Presentation.WorkflowInstances.FirstOrDefault();
        var filing = filingId is null ? null : await customs.Node.Store.Customs.GetFilingAsync(received.TenantId, filingId, cancellationToken).ConfigureAwait(false);
        var answer = received.Credentials.Where(c => c.Verified).Select(c => PgaShipmentStatus.Read(c.Json)).FirstOrDefault(s => s is not null);
        if (filing is null || answer is null)
        {
            logger?.LogWarning("Agency answer {Presentation} from {Agency} matches no filing or holds no verified status", received.Presentation.Id, route.Agency);
            return;
        }

        var (current, filer, released) = DecisionJson.Read(filing.DecisionJson);
        var referral = current.Agencies.FirstOrDefault(a => a.Node == route.Node) ?? new AgencyReferral(route.Agency, route.Node, route.Hold, "answered");
        var next = CustomsAssessor.ApplyAgencyAnswer(current, referral, answer, released);
        var releasedNow = answer.Released ? released.Append(route.Node).Distinct().ToList() : [.. released];
        if (next.Status == current.Status && next.Reasons.SequenceEqual(current.Reasons))
        {
            await customs.Node.Store.Customs.SaveFilingAsync(received.TenantId, filing with { DecisionJson = DecisionJson.ToJson(current, filer, releasedNow) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RecordAndAnswerAsync(received.TenantId, profile, filing.PresentationId, filer ?? filing.Filer ?? "", next, releasedNow, cancellationToken).ConfigureAwait(false);
    }

    // Keeps the decision, appends it to the goods' twins, and queues the signed provisional message for the filer.
    private async ValueTask RecordAndAnswerAsync(string tenantId, CustomsProfile profile, string presentationId, string filer, CustomsDecision decision, IReadOnlyCollection<string> released, CancellationToken cancellationToken)
    {
        var store = customs.Node.Store;
        await store.Customs.SaveFilingAsync(tenantId, new CustomsFilingRecord(presentationId, filer, decision.Status.Name(), DecisionJson.ToJson(decision, filer, released)), cancellationToken).ConfigureAwait(false);
        if (filer.Length == 0)
        {
            return;
        }

        var did = customs.Node.Identity.TenantDid(tenantId);
        var now = customs.Node.Time.GetUtcNow();
        var unsigned = ProvisionalMessages.Create(customs.NewId(), decision, new MessageParty(did, profile.Name), new MessageParty(filer, filer), presentationId, now);
        var issued = await customs.IssueAsync(tenantId, unsigned, cancellationToken).ConfigureAwait(false);
        if (decision.ShipmentIds.Count > 0)
        {
            var twinEvent = new TwinEvent(issued.Id + "#0", TwinEventType.Declared, decision.ShipmentIds, now,
                new TwinEventSource(TwinEventSource.Credential, issued.Id, ProvisionalMessages.CredentialType, did, now),
                new TwinEventPayload
                {
                    Status = decision.Status.Name(),
                    Reference = decision.EntryNumber ?? presentationId,
                    Attributes = [new("customsDecision", decision.Status.Name()), new("presentation", presentationId), .. decision.Reasons.Select(r => new KeyValuePair<string, string>("reason", r.Code))],
                });
            var data = TwinStreams.ToData(twinEvent);
            foreach (var twin in decision.ShipmentIds)
            {
                _ = await TwinStreams.AppendAsync(store, tenantId, twin, [data], cancellationToken).ConfigureAwait(false);
            }
        }

        _ = await customs.EnqueueAsync(tenantId, ProvisionalMessageKind, filer, presentationId, decision.Status.Name(), [issued.Utf8], cancellationToken).ConfigureAwait(false);
    }

    // An agency verifies independently (the pipeline did, with this node's own resolver and status lists) and answers.
    private async ValueTask AnswerReferralAsync(PresentationReceived received, CustomsProfile profile, CancellationToken cancellationToken)
    {
        if (received.Credentials.Any(c => c.Types.Contains(PgaShipmentStatus.CredentialType) || c.Types.Contains(ProvisionalMessages.CredentialType)))
        {
            return;
        }

        var failed = received.Credentials.Where(c => !c.Verified).ToList();
        var entry = received.Credentials.Select(c => CredentialFields.FirstString(c.Json, "entryNumber")).FirstOrDefault(e => e is not null);
        var (code, description) = failed.Count == 0 ? ("O7", "May Proceed") : ("O2", "Hold Intact");
        var reason = failed.Count == 0 ? "All documents verified by " + (profile.Agency ?? profile.Name)
            : "Documents did not verify: " + string.Join("; ", failed.Select(f => $"{f.PrimaryType} ({string.Join(", ", f.Problems)})"));
        var did = customs.Node.Identity.TenantDid(received.TenantId);
        var unsigned = CustomsServices.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue("https://www.w3.org/ns/credentials/v2");
            w.WriteStringValue("https://w3id.org/traceability/v1");
            w.WriteEndArray();
            w.WriteStartArray("type");
            w.WriteStringValue("VerifiableCredential");
            w.WriteStringValue(PgaShipmentStatus.CredentialType);
            w.WriteEndArray();
            w.WriteString("id", customs.NewId());
            w.WriteStartObject("issuer");
            w.WriteStartArray("type");
            w.WriteStringValue("Organization");
            w.WriteEndArray();
            w.WriteString("id", did);
            w.WriteString("name", profile.Name);
            w.WriteEndObject();
            w.WriteString("validFrom", customs.Node.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartObject("credentialSubject");
            w.WriteStartArray("type");
            w.WriteStringValue("PGAShipmentStatusList");
            w.WriteEndArray();
            w.WriteStartArray("pgaShipmentStatusItems");
            w.WriteStartObject();
            w.WriteStartArray("type");
            w.WriteStringValue("PGAShipmentStatus");
            w.WriteEndArray();
            if (entry is not null)
            {
                w.WriteString("entryNo", entry);
            }

            w.WriteString("statusCode", code);
            w.WriteString("statusCodeDescription", description);
            w.WriteString("validCodeReasonDescription", reason);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        var issued = await customs.IssueAsync(received.TenantId, unsigned, cancellationToken).ConfigureAwait(false);
        var filing = received.Presentation.WorkflowInstances.FirstOrDefault() ?? received.Presentation.Id;
        _ = await customs.EnqueueAsync(received.TenantId, PgaStatusKind, received.Presentation.Holder, filing, code, [issued.Utf8], cancellationToken).ConfigureAwait(false);
    }
}
