using Tradeproof.Customs.Agencies;
using Tradeproof.Trade.Rules;

namespace Tradeproof.Customs.Intake;

/// <summary>The provisional status of a filing (the <c>status</c> of a ProvisionalMessageCredential).</summary>
public enum ProvisionalStatus
{
    /// <summary>Received, not yet decided.</summary>
    Received,

    /// <summary>Every credential verified and every issuer is trusted; the rules asked for a look (warnings).</summary>
    DocumentsVerified,

    /// <summary>The goods may proceed.</summary>
    MayProceed,

    /// <summary>Held until a partner government agency answers.</summary>
    HoldForAgencyReview,

    /// <summary>Refused, with the reasons.</summary>
    Rejected,
}

/// <summary>The JSON names of <see cref="ProvisionalStatus"/> (docs/vocabulary.md).</summary>
public static class ProvisionalStatusNames
{
    /// <summary>The vocabulary's name of a status (<c>may-proceed</c>, ...).</summary>
    public static string Name(this ProvisionalStatus status) => status switch
    {
        ProvisionalStatus.Received => "received",
        ProvisionalStatus.DocumentsVerified => "documents-verified",
        ProvisionalStatus.MayProceed => "may-proceed",
        ProvisionalStatus.HoldForAgencyReview => "hold-for-agency-review",
        ProvisionalStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status of a vocabulary name, or null.</summary>
    public static ProvisionalStatus? Parse(string? name) => name switch
    {
        "received" => ProvisionalStatus.Received,
        "documents-verified" => ProvisionalStatus.DocumentsVerified,
        "may-proceed" => ProvisionalStatus.MayProceed,
        "hold-for-agency-review" => ProvisionalStatus.HoldForAgencyReview,
        "rejected" => ProvisionalStatus.Rejected,
        _ => null,
    };
}

/// <summary>Why a filing got its status: a stable code, a message, and where (credential, JSON pointer) when known.</summary>
public sealed record CustomsReason(string Code, string Message, string? CredentialId = null, string? Pointer = null);

/// <summary>Reason codes of the customs intake (the rules' own codes are used for rule findings).</summary>
public static class CustomsReasonCodes
{
    /// <summary>A credential did not verify (proof, issuer binding, validity, status: revoked).</summary>
    public const string CredentialNotVerified = "credential-not-verified";

    /// <summary>The trust registry does not allow the issuer to issue this type.</summary>
    public const string IssuerNotTrusted = "issuer-not-trusted";

    /// <summary>The customs authority has no trust registry: nothing can be trusted.</summary>
    public const string NoTrustRegistry = "no-trust-registry";

    /// <summary>The filing holds no credential.</summary>
    public const string NoCredentials = "no-credentials";

    /// <summary>A routing rule sends the goods to a partner government agency.</summary>
    public const string AgencyReview = "agency-review";

    /// <summary>A partner government agency held or refused the goods.</summary>
    public const string AgencyHold = "agency-hold";

    /// <summary>A partner government agency released the goods.</summary>
    public const string AgencyReleased = "agency-released";

    /// <summary>A CTPAT certificate, or an AEO certificate recognised under an arrangement, was presented and verified.</summary>
    public const string TrustedTrader = "trusted-trader";

    /// <summary>The export declaration of the exporting customs does not match the import entry.</summary>
    public const string ExportMismatch = "export-import-mismatch";

    /// <summary>A PGA shipment status from an organisation no routing rule names: not applied to any filing.</summary>
    public const string AgencyNotRouted = "agency-not-routed";
}

/// <summary>The decision on one filing (a traceable presentation received by a customs authority).</summary>
public sealed record CustomsDecision
{
    /// <summary>The status.</summary>
    public required ProvisionalStatus Status { get; init; }

    /// <summary>The reasons (every reason for hold and reject; informational ones otherwise).</summary>
    public IReadOnlyList<CustomsReason> Reasons { get; init; } = [];

    /// <summary>The agencies the goods are routed to (with <see cref="AgencyRoute.Hold"/> ones, the status is a hold).</summary>
    public IReadOnlyList<AgencyReferral> Agencies { get; init; } = [];

    /// <summary>The entry number, when a credential names one.</summary>
    public string? EntryNumber { get; init; }

    /// <summary>The ids of the credentials the decision is about.</summary>
    public IReadOnlyList<string> ReferencedCredentials { get; init; } = [];

    /// <summary>The identifiers of the goods (shipment, lots, products) the twin events are about.</summary>
    public IReadOnlyList<string> ShipmentIds { get; init; } = [];

    /// <summary>Whether a trusted-trader certificate (CTPAT, or AEO under an arrangement) was accepted.</summary>
    public bool TrustedTrader { get; init; }

    /// <summary>The admissibility rules' result, when they ran.</summary>
    public AdmissibilityResult? Rules { get; init; }
}
