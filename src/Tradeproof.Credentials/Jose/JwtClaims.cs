using System.Text.Json;

namespace Tradeproof.Credentials.Jose;

/// <summary>
/// The registered JWT claims (RFC 7519 §4.1) that may sit beside a secured credential: <c>iss</c> must name the
/// issuer (holder), <c>exp</c>/<c>nbf</c>/<c>iat</c> are NumericDates checked with skew, <c>nonce</c>/<c>aud</c>
/// must match when expected.
/// </summary>
internal static class JwtClaims
{
    public static void Check(JsonElement payload, string? party, JoseVerificationOptions options, bool checkNonceAndAudience, List<Problem> problems)
    {
        if (payload.TryGetProperty("iss", out var iss) && (iss.ValueKind != JsonValueKind.String || (party is not null && !string.Equals(iss.GetString(), party, StringComparison.Ordinal))))
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "iss does not match the issuer", $"'iss' is {iss.GetRawText()}, the issuer is {party}."));
        }

        var now = options.TimeProvider.GetUtcNow();
        if (TryNumericDate(payload, "exp", problems, out var exp) && exp is { } e && now - options.ClockSkew >= e)
        {
            problems.Add(new Problem(ProblemTypes.RangeError, "Expired", $"exp {e:O}."));
        }

        if (TryNumericDate(payload, "nbf", problems, out var nbf) && nbf is { } n && now + options.ClockSkew < n)
        {
            problems.Add(new Problem(ProblemTypes.RangeError, "Not yet valid", $"nbf {n:O}."));
        }

        TryNumericDate(payload, "iat", problems, out _);
        if (checkNonceAndAudience)
        {
            CheckNonceAndAudience(payload, options, problems);
        }
    }

    public static void CheckNonceAndAudience(JsonElement payload, JoseVerificationOptions options, List<Problem> problems)
    {
        if (options.ExpectedNonce is { } nonce && (!payload.TryGetProperty("nonce", out var n) || n.ValueKind != JsonValueKind.String || !string.Equals(n.GetString(), nonce, StringComparison.Ordinal)))
        {
            problems.Add(new Problem(ProblemTypes.InvalidChallengeError, "Wrong or missing nonce", "The nonce is not the one issued."));
        }

        if (options.ExpectedAudience is { } aud && (!payload.TryGetProperty("aud", out var a) || !AudienceContains(a, aud)))
        {
            problems.Add(new Problem(ProblemTypes.InvalidDomainError, "Wrong or missing audience", $"'aud' does not name {aud}."));
        }
    }

    public static bool TryNumericDate(JsonElement payload, string name, List<Problem> problems, out DateTimeOffset? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, $"Malformed {name}", $"'{name}' must be an integer NumericDate."));
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool AudienceContains(JsonElement aud, string expected) => aud.ValueKind switch
    {
        JsonValueKind.String => string.Equals(aud.GetString(), expected, StringComparison.Ordinal),
        JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && string.Equals(a.GetString(), expected, StringComparison.Ordinal)),
        _ => false,
    };
}
