using System.Text;
using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;

namespace Tradeproof.Trade.Presentations;

/// <summary>
/// Verifies traceable presentations as a receiving node does: the presentation is read
/// (<see cref="TraceablePresentation.TryParse"/>); its proof verifies with purpose <c>authentication</c>, the expected
/// challenge and domain, and a verification method controlled by the <c>holder</c>; every embedded credential
/// verifies on its own (data model, validity period, Data Integrity proof with purpose <c>assertionMethod</c> by a
/// method of its issuer, or, for an enveloped VC-JWT, VC-JOSE-COSE). Never throws on bad input: every failure is a
/// <see cref="Problem"/> in the result.
/// </summary>
public sealed class TraceablePresentationVerifier
{
    private readonly DataIntegrityEngine _engine;

    /// <summary>Creates a verifier over a Data Integrity engine.</summary>
    public TraceablePresentationVerifier(DataIntegrityEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>Verifies a presentation secured with Data Integrity (JSON).</summary>
    public async ValueTask<TraceablePresentationVerificationResult> VerifyAsync(ReadOnlyMemory<byte> presentation, TraceablePresentationVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TraceablePresentation.TryParse(presentation, options.DataModel, out var parsed, out var parseProblems))
        {
            return new TraceablePresentationVerificationResult { Problems = parseProblems };
        }

        var problems = new List<Problem>();
        var proof = await _engine.VerifyAsync(parsed!.Presentation.Json, new ProofVerificationOptions
        {
            Resolver = options.Resolver,
            ExpectedProofPurpose = ProofPurposes.Authentication,
            ExpectedChallenge = options.ExpectedChallenge,
            ExpectedDomain = options.ExpectedDomain is null ? null : [options.ExpectedDomain],
            ClockSkew = options.ClockSkew,
        }, cancellationToken).ConfigureAwait(false);
        problems.AddRange(proof.Problems);
        foreach (var method in proof.Proofs.Select(p => p.VerificationMethod).OfType<ResolvedVerificationMethod>())
        {
            if (!string.Equals(method.Controller, parsed.Holder, StringComparison.Ordinal))
            {
                problems.Add(HolderNotSigner(method.Id, method.Controller, parsed.Holder));
            }
        }

        var credentials = await VerifyCredentialsAsync(parsed, options, cancellationToken).ConfigureAwait(false);
        return new TraceablePresentationVerificationResult { Presentation = parsed, Problems = problems, Credentials = credentials };
    }

    /// <summary>Verifies a presentation secured as a VP-JWT (compact JWS).</summary>
    public async ValueTask<TraceablePresentationVerificationResult> VerifyJwtAsync(string token, TraceablePresentationVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jose = await VcJose.VerifyPresentationAsync(token, JoseOptions(options) with
        {
            ExpectedNonce = options.ExpectedChallenge,
            ExpectedAudience = options.ExpectedDomain,
        }, cancellationToken).ConfigureAwait(false);
        if (jose.Payload is not { } payload)
        {
            return new TraceablePresentationVerificationResult { Problems = jose.Problems };
        }

        if (!TraceablePresentation.TryParse(Encoding.UTF8.GetBytes(payload.GetRawText()), options.DataModel, out var parsed, out var parseProblems))
        {
            return new TraceablePresentationVerificationResult { Problems = parseProblems };
        }

        // The enveloped credentials' problems are reported per credential below, not twice.
        var nested = jose.Credentials.SelectMany(c => c.Problems).ToList();
        var problems = jose.Problems.Where(p => !nested.Exists(n => ReferenceEquals(n, p))).ToList();
        var credentials = await VerifyCredentialsAsync(parsed!, options, cancellationToken).ConfigureAwait(false);
        return new TraceablePresentationVerificationResult { Presentation = parsed, Problems = problems, Credentials = credentials };
    }

    private async ValueTask<List<CredentialVerification>> VerifyCredentialsAsync(TraceablePresentation presentation, TraceablePresentationVerificationOptions options, CancellationToken cancellationToken)
    {
        var results = new List<CredentialVerification>();
        for (var i = 0; i < presentation.Credentials.Count; i++)
        {
            results.Add(await VerifyCredentialAsync(i, presentation.Credentials[i], options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async ValueTask<CredentialVerification> VerifyCredentialAsync(int index, JsonElement credential, TraceablePresentationVerificationOptions options, CancellationToken cancellationToken)
    {
        if (VcJose.TryUnwrap(credential, out var mediaType, out var token, out _))
        {
            if (!string.Equals(mediaType, VcJose.CredentialMediaType, StringComparison.Ordinal))
            {
                return new CredentialVerification(index, null, null, [new Problem(ProblemTypes.MalformedValueError, "Unsupported enveloped credential", $"Media type '{mediaType}'.")]);
            }

            var jose = await VcJose.VerifyCredentialAsync(token, JoseOptions(options), cancellationToken).ConfigureAwait(false);
            return new CredentialVerification(index, StringMember(jose.Payload, "id"), jose.Controller, jose.Problems);
        }

        var utf8 = Encoding.UTF8.GetBytes(credential.GetRawText());
        if (!VerifiableCredential.TryRead(utf8, credential, options.DataModel, out var vc, out var modelProblems))
        {
            return new CredentialVerification(index, StringMember(credential, "id"), null, modelProblems);
        }

        var problems = new List<Problem>(vc!.CheckValidityPeriod(options.TimeProvider.GetUtcNow(), options.ClockSkew));
        var proof = await _engine.VerifyAsync(credential, new ProofVerificationOptions
        {
            Resolver = options.Resolver,
            ExpectedProofPurpose = ProofPurposes.AssertionMethod,
            ClockSkew = options.ClockSkew,
        }, cancellationToken).ConfigureAwait(false);
        problems.AddRange(proof.Problems);
        foreach (var method in proof.Proofs.Select(p => p.VerificationMethod).OfType<ResolvedVerificationMethod>())
        {
            if (!string.Equals(method.Controller, vc.Issuer, StringComparison.Ordinal))
            {
                problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Issuer is not the signer", $"The key {method.Id} is controlled by {method.Controller}, not the issuer {vc.Issuer}."));
            }
        }

        return new CredentialVerification(index, vc.Id, vc.Issuer, problems);
    }

    private static JoseVerificationOptions JoseOptions(TraceablePresentationVerificationOptions options) => new()
    {
        Resolver = options.Resolver,
        TimeProvider = options.TimeProvider,
        ClockSkew = options.ClockSkew,
    };

    private static Problem HolderNotSigner(string method, string controller, string holder) =>
        new(ProblemTypes.CryptographicSecurityError, "Holder is not the signer", $"The key {method} is controlled by {controller}, not the holder {holder}.");

    private static string? StringMember(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
