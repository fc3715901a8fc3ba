using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Jose;

/// <summary>
/// Securing VC Data Model 2.0 credentials and presentations with JOSE (W3C VC-JOSE-COSE §3.1): the JWS payload is
/// the credential or presentation itself, the header carries <c>typ</c> <c>vc+jwt</c>/<c>vp+jwt</c> and the
/// <c>kid</c> (a DID URL of the issuer or holder). Also enveloped credentials and presentations (§3.1.3/§3.1.4).
/// </summary>
public static class VcJose
{
    /// <summary>The media type of a JOSE-secured credential.</summary>
    public const string CredentialMediaType = "application/vc+jwt";

    /// <summary>The media type of a JOSE-secured presentation.</summary>
    public const string PresentationMediaType = "application/vp+jwt";

    /// <summary>The <c>typ</c> of a JOSE-secured credential.</summary>
    public const string CredentialType = "vc+jwt";

    /// <summary>The <c>typ</c> of a JOSE-secured presentation.</summary>
    public const string PresentationType = "vp+jwt";

    /// <summary>The VC DM 2.0 context.</summary>
    public const string V2Context = "https://www.w3.org/ns/credentials/v2";

    /// <summary>
    /// Secures a credential (§3.1.1): checks it against the data model, then signs it as is with the algorithm of
    /// <paramref name="key"/>. <paramref name="kid"/> is the DID URL of the issuer's verification method.
    /// </summary>
    public static string IssueCredential(ReadOnlySpan<byte> credential, KeyPair key, string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        if (!VerifiableCredential.TryParse(credential.ToArray(), new DataModelOptions { Versions = [DataModelVersion.V2_0] }, out _, out var problems))
        {
            throw new ArgumentException("Not a VC Data Model 2.0 credential: " + string.Join("; ", problems), nameof(credential));
        }

        return CompactJws.Sign(credential, key, kid, CredentialType);
    }

    /// <summary>Secures a presentation (§3.1.2); <paramref name="kid"/> is the holder's verification method.</summary>
    public static string IssuePresentation(ReadOnlySpan<byte> presentation, KeyPair key, string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        if (!VerifiablePresentation.TryParse(presentation.ToArray(), new DataModelOptions { Versions = [DataModelVersion.V2_0] }, out _, out var problems))
        {
            throw new ArgumentException("Not a VC Data Model 2.0 presentation: " + string.Join("; ", problems), nameof(presentation));
        }

        return CompactJws.Sign(presentation, key, kid, PresentationType);
    }

    /// <summary>An EnvelopedVerifiableCredential (§3.1.3) around a compact token of <paramref name="mediaType"/>.</summary>
    public static byte[] Envelope(string token, string mediaType = CredentialMediaType) =>
        EnvelopeOf(token, mediaType, "EnvelopedVerifiableCredential");

    /// <summary>An EnvelopedVerifiablePresentation (§3.1.4) around a compact token of <paramref name="mediaType"/>.</summary>
    public static byte[] EnvelopePresentation(string token, string mediaType = PresentationMediaType) =>
        EnvelopeOf(token, mediaType, "EnvelopedVerifiablePresentation");

    /// <summary>Reads an enveloped credential or presentation: its media type and the token of its <c>data:</c> URL.</summary>
    public static bool TryUnwrap(JsonElement envelope, out string mediaType, out string token, out Problem? problem)
    {
        mediaType = token = "";
        problem = null;
        if (envelope.ValueKind != JsonValueKind.Object
            || !envelope.TryGetProperty("type", out var type)
            || !(type.ValueKind == JsonValueKind.String ? IsEnvelopeType(type.GetString()) : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && IsEnvelopeType(t.GetString()))))
        {
            problem = new Problem(ProblemTypes.MalformedValueError, "Not an enveloped credential", "The object's type is not EnvelopedVerifiableCredential or EnvelopedVerifiablePresentation.");
            return false;
        }

        if (!envelope.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            problem = new Problem(ProblemTypes.MalformedValueError, "Enveloped credential without id", "The envelope has no 'id' data: URL.");
            return false;
        }

        var url = id.GetString()!;
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:", StringComparison.Ordinal) || comma < 0)
        {
            problem = new Problem(ProblemTypes.MalformedValueError, "Enveloped credential id is not a data: URL", url.Length > 64 ? url[..64] + "..." : url);
            return false;
        }

        mediaType = url[5..comma];
        token = url[(comma + 1)..];
        if (mediaType.Contains(';', StringComparison.Ordinal) || token.Length == 0)
        {
            problem = new Problem(ProblemTypes.MalformedValueError, "Unsupported data: URL", "Parameters (such as ;base64) and empty data are not accepted.");
            return false;
        }

        return true;
    }

    /// <summary>Verifies a VC-JWT (§3.1.1, §4): header, data model, validity, key of <c>kid</c>, issuer binding, signature.</summary>
    public static ValueTask<JoseVerificationResult> VerifyCredentialAsync(string? jwt, JoseVerificationOptions options, CancellationToken cancellationToken = default) =>
        VerifyAsync(jwt, options, presentation: false, cancellationToken);

    /// <summary>Verifies a VP-JWT and every enveloped VC-JWT inside it.</summary>
    public static ValueTask<JoseVerificationResult> VerifyPresentationAsync(string? jwt, JoseVerificationOptions options, CancellationToken cancellationToken = default) =>
        VerifyAsync(jwt, options, presentation: true, cancellationToken);

    private static async ValueTask<JoseVerificationResult> VerifyAsync(string? jwt, JoseVerificationOptions options, bool presentation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parseOptions = new JwsParseOptions
        {
            AllowedAlgorithms = options.AllowedAlgorithms,
            RequiredType = presentation ? PresentationType : CredentialType,
            MaxLength = options.MaxLength,
        };
        if (!CompactJws.TryParse(jwt, parseOptions, out var jws, out var problem))
        {
            return JoseVerificationResult.Fail(problem!);
        }

        if (jws!.Header.Cty is { } cty && !CompactJws.TypeMatches(cty, presentation ? "vp" : "vc"))
        {
            return JoseVerificationResult.Fail(CompactJws.Malformed($"The JWS 'cty' is '{cty}'."), jws.Header);
        }

        var problems = new List<Problem>();
        string? party;
        JsonElement payload;
        VerifiablePresentation? vp = null;
        if (presentation)
        {
            if (!VerifiablePresentation.TryParse(jws.Payload, options.DataModel, out vp, out var modelProblems))
            {
                return new JoseVerificationResult { Problems = modelProblems, Header = jws.Header };
            }

            payload = vp!.Json;
            party = vp.Holder;
        }
        else
        {
            if (!VerifiableCredential.TryParse(jws.Payload, options.DataModel, out var vc, out var modelProblems))
            {
                return new JoseVerificationResult { Problems = modelProblems, Header = jws.Header };
            }

            payload = vc!.Json;
            party = vc.Issuer;
            problems.AddRange(vc.CheckValidityPeriod(options.TimeProvider.GetUtcNow(), options.ClockSkew));
        }

        JwtClaims.Check(payload, party, options, checkNonceAndAudience: presentation, problems);

        var (method, controller) = await ResolveKeyAsync(jws, party, presentation ? ProofPurposes.Authentication : ProofPurposes.AssertionMethod, options, problems, cancellationToken).ConfigureAwait(false);
        if (method is not null && party is not null && !string.Equals(controller, party, StringComparison.Ordinal))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, presentation ? "Holder is not the signer" : "Issuer is not the signer", $"The key {method.Id} is controlled by {controller}, not {party}."));
        }

        if (method is not null && !jws.VerifySignature(method.PublicKey))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Signature does not verify", $"The {jws.Header.Alg} signature does not verify with {method.Id}."));
        }

        var nested = new List<JoseVerificationResult>();
        if (vp is not null)
        {
            foreach (var credential in vp.VerifiableCredentials)
            {
                if (!IsEnveloped(credential))
                {
                    continue;
                }

                if (!TryUnwrap(credential, out var mediaType, out var token, out var envelopeProblem))
                {
                    problems.Add(envelopeProblem!);
                    continue;
                }

                if (!CompactJws.TypeMatches(mediaType, CredentialMediaType))
                {
                    problems.Add(new Problem(ProblemTypes.MalformedValueError, "Unsupported enveloped credential", $"Media type '{mediaType}'."));
                    continue;
                }

                var inner = await VerifyAsync(token, options with { ExpectedNonce = null, ExpectedAudience = null }, presentation: false, cancellationToken).ConfigureAwait(false);
                nested.Add(inner);
                problems.AddRange(inner.Problems);
            }
        }

        return new JoseVerificationResult
        {
            Problems = problems,
            Header = jws.Header,
            Payload = payload,
            VerificationMethod = method?.Id,
            Controller = controller,
            Credentials = nested,
        };
    }

    /// <summary>
    /// Resolves <c>kid</c> as a DID URL (a bare fragment is taken relative to <paramref name="party"/>) for
    /// <paramref name="purpose"/>; a missing <c>kid</c> or unusable method is a problem.
    /// </summary>
    internal static async ValueTask<(ResolvedVerificationMethod? Method, string? Controller)> ResolveKeyAsync(CompactJws jws, string? party, string purpose, JoseVerificationOptions options, List<Problem> problems, CancellationToken cancellationToken)
    {
        var kid = jws.Header.Kid;
        if (kid is null)
        {
            problems.Add(CompactJws.Security("The JWS header has no 'kid'; the key must be named and resolved."));
            return (null, null);
        }

        if (kid.StartsWith('#'))
        {
            if (party is null)
            {
                problems.Add(CompactJws.Malformed($"The relative 'kid' {kid} has no issuer or holder to resolve against."));
                return (null, null);
            }

            kid = party + kid;
        }

        if (!kid.StartsWith("did:", StringComparison.Ordinal))
        {
            problems.Add(CompactJws.Malformed($"The 'kid' '{kid}' is not a DID URL."));
            return (null, null);
        }

        VerificationMethodResolution resolution;
        try
        {
            resolution = await options.Resolver.ResolveAsync(kid, purpose, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            problems.Add(new Problem(ProblemTypes.ProofVerificationError, "Verification method not usable", e.Message));
            return (null, null);
        }

        if (resolution.Method is not { } method)
        {
            problems.Add(resolution.Problem ?? VerificationMethodResolution.Failure(kid).Problem!);
            return (null, null);
        }

        if (JwsAlgorithms.For(method.PublicKey.Type) is not { } alg || !string.Equals(alg, jws.Header.Alg, StringComparison.Ordinal))
        {
            problems.Add(CompactJws.Security($"The header says {jws.Header.Alg} but {kid} is a {method.PublicKey.Type} key."));
            return (null, method.Controller);
        }

        return (method, method.Controller);
    }

    private static bool IsEnveloped(JsonElement credential) =>
        credential.ValueKind == JsonValueKind.Object && credential.TryGetProperty("type", out var type)
        && (type.ValueKind == JsonValueKind.String ? IsEnvelopeType(type.GetString()) : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && IsEnvelopeType(t.GetString())));

    private static bool IsEnvelopeType(string? type) => type is "EnvelopedVerifiableCredential" or "EnvelopedVerifiablePresentation";

    private static byte[] EnvelopeOf(string token, string mediaType, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JoseJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("@context", V2Context);
            writer.WriteString("id", "data:" + mediaType + "," + token);
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    internal static string Utf8String(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    internal static JsonElement Strict(ReadOnlySpan<byte> utf8) => StrictJson.ParseElement(utf8);
}
