namespace Tradeproof.Node;

/// <summary>The OAuth scopes of the node's endpoints (the Traceability Interoperability naming: action:resource).</summary>
public static class Scopes
{
    /// <summary><c>POST /credentials/issue</c>.</summary>
    public const string IssueCredentials = "issue:credentials";

    /// <summary><c>POST /credentials/verify</c>.</summary>
    public const string VerifyCredentials = "verify:credentials";

    /// <summary><c>POST /credentials/status</c>.</summary>
    public const string UpdateCredentials = "update:credentials";

    /// <summary><c>GET /credentials/{id}</c>.</summary>
    public const string ReadCredentials = "read:credentials";

    /// <summary><c>POST /presentations/verify</c> and <c>POST /challenges</c>.</summary>
    public const string VerifyPresentations = "verify:presentations";

    /// <summary><c>POST /presentations</c> (into the inbox).</summary>
    public const string SubmitPresentations = "submit:presentations";

    /// <summary><c>POST /credentials/derive</c> (ecdsa-sd-2023 selective disclosure).</summary>
    public const string DeriveCredentials = "derive:credentials";

    /// <summary><c>POST /presentations/prove</c> (sign a presentation as the tenant).</summary>
    public const string ProvePresentations = "prove:presentations";

    /// <summary><c>GET /identifiers/{did}</c>.</summary>
    public const string ResolveDids = "resolve:dids";

    /// <summary><c>GET /inbox</c> and <c>GET /inbox/{presentationId}</c> (received presentations).</summary>
    public const string ReadPresentations = "read:presentations";

    /// <summary><c>GET /twins</c> and a twin's state, timeline and events.</summary>
    public const string ReadTwins = "read:twins";

    /// <summary><c>POST /log/checkpoint</c>: sign a transparency log checkpoint now (the node operator's).</summary>
    public const string OperateLog = "operate:log";

    /// <summary><c>POST /log/witness</c> from a partner node found by did:web: co-sign its checkpoints.</summary>
    public const string WitnessLog = "witness:log";

    /// <summary>The customs single window's operator actions: trust registry edits, profile, routes, partners, G2G exchange.</summary>
    public const string ManageCustoms = "manage:customs";

    /// <summary>The customs single window's reads: registry, filings and decisions, provisional messages.</summary>
    public const string ReadCustoms = "read:customs";

    /// <summary>Every scope.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        IssueCredentials, VerifyCredentials, UpdateCredentials, ReadCredentials, VerifyPresentations, SubmitPresentations, ResolveDids, ReadPresentations, ReadTwins,
        DeriveCredentials, ProvePresentations, ManageCustoms, ReadCustoms,
        OperateLog, WitnessLog,
    };
}
