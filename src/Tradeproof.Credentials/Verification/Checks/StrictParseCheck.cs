using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.Jose;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 2, strict parse (security.md): JSON with the strict parser's caps (depth, duplicate keys never last-wins,
/// string and array caps), or a compact JWS / SD-JWT with a well-formed header (allowlisted <c>alg</c>, no key
/// material, a <c>typ</c> naming the format). Detects the format; an <c>EnvelopedVerifiableCredential</c> is
/// unwrapped to its token.
/// </summary>
internal static class StrictParseCheck
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run(c));
    }

    private static CheckResult Run(VerificationContext c)
    {
        var span = c.Input.Span;
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == span.Length)
        {
            return Fail("The input is empty.");
        }

        return span[start] == (byte)'{' ? ParseJson(c) : ParseToken(c, TokenText(c), null);
    }

    private static CheckResult ParseJson(VerificationContext c)
    {
        JsonElement root;
        try
        {
            root = c.Parsed ?? StrictJson.ParseElement(c.Input.Span, c.Options.DataModel.Json);
        }
        catch (JsonInputException e)
        {
            return Fail(e.Message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("A credential or presentation is a JSON object.");
        }

        var types = root.TryGetProperty("type", out var type) ? DataModelRules.Strings(type) ?? [] : [];
        if (types.Contains("EnvelopedVerifiableCredential") || types.Contains("EnvelopedVerifiablePresentation"))
        {
            // VC-JOSE-COSE §3.1.3/§3.1.4: the envelope carries the token in a data: URL.
            if (!VcJose.TryUnwrap(root, out var mediaType, out var token, out var problem))
            {
                return CheckResult.Fail(CheckNames.StrictParse, problem!);
            }

            CredentialFormat? expected = MediaTypeFormat(mediaType);
            if (expected is null)
            {
                return CheckResult.Fail(CheckNames.StrictParse, new Problem(ProblemTypes.MalformedValueError, "Unsupported enveloped media type", $"'{mediaType}' is not application/vc+jwt, application/vp+jwt or application/dc+sd-jwt."));
            }

            return ParseToken(c, token, expected);
        }

        c.Document = root;
        c.Format = types.Contains(VerifiablePresentation.BaseType) ? CredentialFormat.DataIntegrityPresentation : CredentialFormat.DataIntegrityCredential;
        return CheckResult.Pass(CheckNames.StrictParse, "JSON");
    }

    /// <summary>The media type of an envelope's data: URL, as a format (null when unsupported).</summary>
    internal static CredentialFormat? MediaTypeFormat(string mediaType) =>
        CompactJws.TypeMatches(mediaType, VcJose.CredentialMediaType) ? CredentialFormat.VcJwt
        : CompactJws.TypeMatches(mediaType, VcJose.PresentationMediaType) ? CredentialFormat.VpJwt
        : CompactJws.TypeMatches(mediaType, "application/" + SdJwt.SdJwtVcType) ? CredentialFormat.SdJwtVc
        : null;

    private static string? TokenText(VerificationContext c)
    {
        try
        {
            return StrictUtf8.GetString(c.Input.Span).Trim();
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static CheckResult ParseToken(VerificationContext c, string? token, CredentialFormat? expected)
    {
        if (token is null)
        {
            return Fail("The input is not UTF-8.");
        }

        if (token.Length > c.Options.MaxTokenLength)
        {
            return Fail($"The token is longer than {c.Options.MaxTokenLength} characters.");
        }

        c.Token = token;
        var sdJwt = token.Contains('~', StringComparison.Ordinal);
        if (sdJwt && expected is not null and not CredentialFormat.SdJwtVc)
        {
            return Fail("The envelope's media type names a JWT but holds an SD-JWT.");
        }

        var parse = new JwsParseOptions
        {
            AllowedAlgorithms = c.Options.AllowedJoseAlgorithms,
            RequiredType = sdJwt ? SdJwt.SdJwtVcType : null,
            MaxLength = c.Options.MaxTokenLength,
        };
        var issuerJwt = sdJwt ? token[..token.IndexOf('~', StringComparison.Ordinal)] : token;
        if (!CompactJws.TryParse(issuerJwt, parse, out var jws, out var problem))
        {
            return CheckResult.Fail(CheckNames.StrictParse, problem!);
        }

        CredentialFormat format;
        if (sdJwt)
        {
            format = CredentialFormat.SdJwtVc;
            c.SdJwtKeyBinding = token[(token.LastIndexOf('~') + 1)..];
        }
        else
        {
            // RFC 7515 §4.1.9 / VC-JOSE-COSE §3.1: typ names what is secured; a missing or other typ is refused.
            var typ = jws!.Header.Typ;
            if (typ is not null && CompactJws.TypeMatches(typ, VcJose.CredentialType))
            {
                format = CredentialFormat.VcJwt;
            }
            else if (typ is not null && CompactJws.TypeMatches(typ, VcJose.PresentationType))
            {
                format = CredentialFormat.VpJwt;
            }
            else
            {
                return CheckResult.Fail(CheckNames.StrictParse, new Problem(ProblemTypes.MalformedValueError, "Unacceptable JWS header", $"The JWS 'typ' is '{typ ?? "(missing)"}', expected vc+jwt or vp+jwt."));
            }
        }

        if (expected is { } e && e != format)
        {
            return Fail($"The envelope's media type does not match the token's typ ({format.Name()}).");
        }

        JsonElement payload;
        try
        {
            payload = StrictJson.ParseElement(jws!.Payload, c.Options.DataModel.Json);
        }
        catch (JsonInputException ex)
        {
            return Fail("The JWS payload is not strict JSON: " + ex.Message);
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return Fail("The JWS payload is not a JSON object.");
        }

        c.Format = format;
        c.Jws = jws;
        c.Document = payload;
        return CheckResult.Pass(CheckNames.StrictParse, format.Name());
    }

    private static CheckResult Fail(string detail) =>
        CheckResult.Fail(CheckNames.StrictParse, new Problem(ProblemTypes.ParsingError, "Not a credential or presentation we can read", detail));
}
