using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.Verification;
using Tradeproof.Json;

namespace Tradeproof.Trade.Presentations;

/// <summary>
/// Verifies traceable presentations as a receiving node does, with the credential verifier's pipeline
/// (<see cref="CredentialVerifier"/>: strict parsing, data model, proof structure, validity, challenge and domain,
/// the holder's key, proof, and every embedded credential with its issuer binding and status), then the traceable
/// rules (<see cref="TraceablePresentation.TryParse"/>: types, UUID URN id, holder, <c>workflow</c>, <c>replace</c>).
/// Accepts Data Integrity JSON and VP-JWT alike. Never throws on bad input. Thread-safe.
/// </summary>
public sealed class TraceablePresentationVerifier
{
    /// <summary>Creates a verifier over a configured credential verifier (its options: resolver, clock, challenge store, domains, status source, trust policy).</summary>
    public TraceablePresentationVerifier(CredentialVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        Verifier = verifier;
    }

    /// <summary>The underlying credential verifier.</summary>
    public CredentialVerifier Verifier { get; }

    /// <summary>Verifies a presentation (Data Integrity JSON, or a VP-JWT as its compact text).</summary>
    /// <param name="input">The presentation's bytes.</param>
    /// <param name="request">The challenge this node issued and its domain.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    public async ValueTask<TraceablePresentationVerificationResult> VerifyAsync(ReadOnlyMemory<byte> input, VerificationRequest? request = null, CancellationToken cancellationToken = default) =>
        Complete(await Verifier.VerifyAsync(input, request, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Verifies a presentation the caller has parsed strictly already (a node, for its own checks of the body): the
    /// parse is used instead of parsing the bytes again when it may be
    /// (<see cref="CredentialVerifier.VerifyAsync(ReadOnlyMemory{byte}, JsonElement, StrictJsonOptions, VerificationRequest?, CancellationToken)"/>);
    /// the result is the same as the bytes alone give.
    /// </summary>
    /// <param name="input">The presentation's bytes.</param>
    /// <param name="parsed">The caller's strict parse of <paramref name="input"/>.</param>
    /// <param name="parsedWith">The options it was parsed with.</param>
    /// <param name="request">The challenge this node issued and its domain.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    internal async ValueTask<TraceablePresentationVerificationResult> VerifyAsync(ReadOnlyMemory<byte> input, JsonElement parsed, StrictJsonOptions parsedWith, VerificationRequest? request = null, CancellationToken cancellationToken = default) =>
        Complete(await Verifier.VerifyAsync(input, parsed, parsedWith, request, cancellationToken).ConfigureAwait(false));

    private static TraceablePresentationVerificationResult Complete(VerificationResult result)
    {
        var problems = result.Checks.Where(c => !string.Equals(c.Name, CheckNames.Credentials, StringComparison.Ordinal)).SelectMany(c => c.Problems).ToList();
        if (!result.Format.IsPresentation())
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "Not a presentation", $"The input is a {result.Format.Name()}, not a traceable presentation."));
        }

        TraceablePresentation? presentation = null;
        if (result.Presentation is { } vp)
        {
            // The verifier's data model check read it already (with these options, or stricter ones for a VP-JWT).
            if (TraceablePresentation.TryRead(vp, out var parsed, out var traceableProblems))
            {
                presentation = parsed;
            }
            else
            {
                problems.AddRange(traceableProblems);
            }
        }

        var credentials = result.Credentials.Select((c, i) => new CredentialVerification(i, c.Credential?.Id, c.Party ?? c.Credential?.Issuer, c.Outcome, c.Problems)).ToList();
        return new TraceablePresentationVerificationResult { Verification = result, Presentation = presentation, Problems = problems, Credentials = credentials };
    }
}
