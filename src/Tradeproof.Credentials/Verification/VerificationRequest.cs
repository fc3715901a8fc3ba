namespace Tradeproof.Credentials.Verification;

/// <summary>What one verification expects beyond the verifier's options: for presentations, the challenge we issued and our domain.</summary>
public sealed record VerificationRequest
{
    /// <summary>No expectations (credentials).</summary>
    public static VerificationRequest None { get; } = new();

    /// <summary>The challenge we issued (Data Integrity <c>challenge</c>, VP-JWT and key-binding <c>nonce</c>).</summary>
    public string? Challenge { get; init; }

    /// <summary>Our domain (Data Integrity <c>domain</c>, VP-JWT and key-binding <c>aud</c>); overrides <see cref="VerifierOptions.Domains"/>.</summary>
    public string? Domain { get; init; }

    /// <summary>Set by the verifier when it checks a status list credential (no status check of the list itself).</summary>
    internal bool IsStatusList { get; init; }

    /// <summary>Set by the verifier for credentials inside a presentation.</summary>
    internal bool IsEmbedded { get; init; }
}
