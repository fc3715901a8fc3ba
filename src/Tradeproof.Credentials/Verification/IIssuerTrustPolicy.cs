namespace Tradeproof.Credentials.Verification;

/// <summary>The answer of an <see cref="IIssuerTrustPolicy"/>.</summary>
public sealed record IssuerTrustDecision
{
    /// <summary>Allowed.</summary>
    public static IssuerTrustDecision Trusted { get; } = new() { Outcome = CheckOutcome.Passed };

    /// <summary><see cref="CheckOutcome.Passed"/>, <see cref="CheckOutcome.Failed"/> (not allowed) or
    /// <see cref="CheckOutcome.Indeterminate"/> (the registry could not be consulted).</summary>
    public required CheckOutcome Outcome { get; init; }

    /// <summary>Why not, when not passed.</summary>
    public Problem? Problem { get; init; }

    /// <summary>Not allowed, with the reason.</summary>
    public static IssuerTrustDecision NotTrusted(string detail) => new()
    {
        Outcome = CheckOutcome.Failed,
        Problem = new Problem(ProblemTypes.CryptographicSecurityError, "Issuer not trusted for this credential type", detail),
    };

    /// <summary>The trust registry could not be consulted.</summary>
    public static IssuerTrustDecision CouldNotCheck(string detail) => new()
    {
        Outcome = CheckOutcome.Indeterminate,
        Problem = new Problem(ProblemTypes.CryptographicSecurityError, "Issuer trust could not be checked", detail),
    };
}

/// <summary>
/// The trust registry hook of the issuer-binding check (security.md step 8): may <c>issuer</c> issue a
/// credential of these types (e.g. only a customs authority issues a customs release)? The trade layer implements it.
/// </summary>
public interface IIssuerTrustPolicy
{
    /// <summary>Decides whether <paramref name="issuer"/> may issue a credential with <paramref name="types"/>.</summary>
    ValueTask<IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="EvaluateAsync(string, IReadOnlyList{string}, CancellationToken)"/>, with the credential itself (its
    /// JSON, or a JWT's payload) for a policy that also looks at what the credential says of its issuer (a country, say).
    /// The verifier calls this one; by default it ignores <paramref name="credential"/>.
    /// </summary>
    ValueTask<IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, System.Text.Json.JsonElement credential, CancellationToken cancellationToken = default) =>
        EvaluateAsync(issuer, types, cancellationToken);
}
