using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Registry;
using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Customs.Intake;

/// <summary>
/// Decides on a filing received by a customs authority: every credential must have verified (done by the intake
/// pipeline: proof, issuer binding, validity, status), every issuer must be allowed by the trust registry, the
/// admissibility rules run on the verified credentials, and the routing rules may send the goods to a partner
/// government agency. The result is one of the provisional statuses with its reasons.
/// </summary>
/// <remarks>
/// Order of the outcome: any unverified credential, untrusted issuer or failed rule rejects; otherwise a route
/// with hold makes it a hold for agency review; otherwise rule warnings make it "documents verified" (an officer
/// looks); otherwise the goods may proceed.
/// </remarks>
public sealed class CustomsAssessor(AdmissibilityEvaluator? evaluator = null, AdmissibilityPolicy? policy = null)
{
    private readonly AdmissibilityEvaluator _evaluator = evaluator ?? new AdmissibilityEvaluator();

    /// <summary>Credential types that name a trusted trader: CTPAT, and AEO certificates under an arrangement.</summary>
    public static IReadOnlySet<string> TrustedTraderTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { TrustRegistry.CtpatCertificateType, TrustRegistry.AeoCertificateType };

    /// <summary>Decides on the credentials of a filing.</summary>
    public CustomsDecision Assess(IReadOnlyList<ReceivedCredential> credentials, TrustRegistry? registry, AgencyRoutingRules? routes = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var reasons = new List<CustomsReason>();
        var referenced = credentials.Select(c => c.Id).OfType<string>().ToList();
        if (credentials.Count == 0)
        {
            return new CustomsDecision { Status = ProvisionalStatus.Rejected, Reasons = [new CustomsReason(CustomsReasonCodes.NoCredentials, "The filing holds no credential.")] };
        }

        if (registry is null)
        {
            reasons.Add(new CustomsReason(CustomsReasonCodes.NoTrustRegistry, "This customs authority has no trust registry: no issuer can be trusted yet."));
        }

        var trustedTrader = false;
        foreach (var credential in credentials)
        {
            if (!credential.Verified)
            {
                var why = credential.Problems.Count > 0 ? string.Join("; ", credential.Problems) : "it did not verify";
                reasons.Add(new CustomsReason(CustomsReasonCodes.CredentialNotVerified, $"The {credential.PrimaryType ?? "credential"} of {credential.Issuer ?? "an unknown issuer"} did not verify: {why}.", credential.Id));
                continue;
            }

            if (registry is null)
            {
                continue;
            }

            var answer = credential.Issuer is null
                ? new TrustAnswer(false, "The credential names no issuer.")
                : registry.Evaluate(credential.Issuer, credential.Types, CredentialFields.IssuerCountry(credential.Json));
            if (!answer.Allowed)
            {
                reasons.Add(new CustomsReason(CustomsReasonCodes.IssuerNotTrusted, answer.Reason, credential.Id, "/issuer"));
            }
            else if (credential.Types.Any(TrustedTraderTypes.Contains))
            {
                trustedTrader = true;
                reasons.Add(new CustomsReason(CustomsReasonCodes.TrustedTrader, answer.Reason, credential.Id));
            }
        }

        var rules = _evaluator.Evaluate(credentials, policy);
        foreach (var finding in rules.Findings.Where(f => f.Severity is FindingSeverity.Fail or FindingSeverity.Warn))
        {
            reasons.Add(new CustomsReason(finding.Code, finding.Message, finding.CredentialId, finding.Pointer));
        }

        var agencies = (routes ?? AgencyRoutingRules.None).Route(credentials);
        var rejected = reasons.Any(r => r.Code is CustomsReasonCodes.CredentialNotVerified or CustomsReasonCodes.IssuerNotTrusted or CustomsReasonCodes.NoTrustRegistry)
            || rules.Decision == AdmissibilityDecision.NotAdmissible;
        ProvisionalStatus status;
        if (rejected)
        {
            status = ProvisionalStatus.Rejected;
            reasons.RemoveAll(r => r.Code == CustomsReasonCodes.TrustedTrader);
        }
        else if (agencies.Any(a => a.Hold))
        {
            status = ProvisionalStatus.HoldForAgencyReview;
            reasons.AddRange(agencies.Where(a => a.Hold).Select(a => new CustomsReason(CustomsReasonCodes.AgencyReview, $"Routed to {a.Agency}: {a.Why}.")));
        }
        else
        {
            status = rules.Decision == AdmissibilityDecision.AdmissibleWithWarnings ? ProvisionalStatus.DocumentsVerified : ProvisionalStatus.MayProceed;
        }

        return new CustomsDecision
        {
            Status = status,
            Reasons = reasons,
            Agencies = agencies,
            EntryNumber = credentials.Where(c => c.Verified).Select(c => CredentialFields.FirstString(c.Json, "entryNumber")).FirstOrDefault(e => e is not null),
            ReferencedCredentials = referenced,
            ShipmentIds = ShipmentIds(credentials),
            TrustedTrader = trustedTrader && !rejected,
            Rules = rules,
        };
    }

    /// <summary>
    /// The decision after an agency's answer: a release by every holding agency (those in
    /// <paramref name="released"/>, plus this one) makes the goods proceed; a hold keeps them held, with the agency's reason.
    /// A decision that is not a hold does not change.
    /// </summary>
    public static CustomsDecision ApplyAgencyAnswer(CustomsDecision current, AgencyReferral agency, PgaShipmentStatus answer, IReadOnlyCollection<string> released)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(released);
        if (current.Status != ProvisionalStatus.HoldForAgencyReview)
        {
            return current;
        }

        var statuses = string.Join("; ", answer.Statuses.Select(s => $"{s.Code} {s.Description}".Trim()));
        if (!answer.Released)
        {
            return current with { Reasons = [.. current.Reasons.Where(r => r.Code != CustomsReasonCodes.AgencyHold), new CustomsReason(CustomsReasonCodes.AgencyHold, $"{agency.Agency} holds the goods: {statuses}.")] };
        }

        var cleared = released.Append(agency.Node).ToHashSet(StringComparer.Ordinal);
        var waiting = current.Agencies.Where(a => a.Hold && !cleared.Contains(a.Node)).ToList();
        var reasons = current.Reasons.Where(r => r.Code is not (CustomsReasonCodes.AgencyReview or CustomsReasonCodes.AgencyHold)).ToList();
        reasons.Add(new CustomsReason(CustomsReasonCodes.AgencyReleased, $"{agency.Agency} released the goods: {statuses}."));
        if (waiting.Count > 0)
        {
            reasons.AddRange(waiting.Select(a => new CustomsReason(CustomsReasonCodes.AgencyReview, $"Still waiting for {a.Agency}: {a.Why}.")));
            return current with { Reasons = reasons };
        }

        return current with { Status = ProvisionalStatus.MayProceed, Reasons = reasons };
    }

    // The identifiers the verified credentials' twin events are about, the most named first.
    private static List<string> ShipmentIds(IReadOnlyList<ReceivedCredential> credentials)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var credential in credentials.Where(c => c.Verified))
        {
            foreach (var id in TwinEventExtraction.Default.Extract(credential).SelectMany(e => e.SubjectIds))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return [.. counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)];
    }
}
