using System.Collections.Concurrent;
using System.Text.Json;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Node;

/// <summary>An access token's verified claims.</summary>
/// <param name="ClientId">The client (<c>sub</c>, <c>client_id</c>).</param>
/// <param name="TenantId">The tenant the client acts for.</param>
/// <param name="Scopes">The granted scopes.</param>
/// <param name="Audience">The audience.</param>
/// <param name="ExpiresAt">Expiry.</param>
public sealed record AccessTokenClaims(string ClientId, string TenantId, IReadOnlySet<string> Scopes, string Audience, DateTimeOffset ExpiresAt);

/// <summary>
/// Access tokens as JWTs (RFC 9068 profile: <c>typ</c> <c>at+jwt</c>, <c>iss</c>, <c>sub</c>, <c>aud</c>, <c>exp</c>,
/// <c>iat</c>, <c>jti</c>, <c>client_id</c>, <c>scope</c>, plus <c>tenant</c>), signed EdDSA with the node's Ed25519 key
/// and validated with our own JOSE code (RFC 8725: the algorithm is fixed, the type is checked, nothing from the
/// header chooses the key).
/// </summary>
/// <remarks>
/// Validated tokens are remembered (at most <see cref="MaxCachedTokens"/>, by their exact text and the key that
/// checked them) until they expire, so a client's later requests skip the signature check; expiry is still compared
/// with the clock on every use.
/// </remarks>
public sealed class AccessTokens(NodeIdentity identity, TimeProvider time, IRandomSource random)
{
    /// <summary>The JWT type of access tokens (RFC 9068 §2.1).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>The most validated tokens kept (when full, the cache is emptied and refills).</summary>
    public const int MaxCachedTokens = 10_000;

    private readonly ConcurrentDictionary<string, (AccessTokenClaims Claims, PublicKey Key)> _validated = new(StringComparer.Ordinal);

    private static readonly JwsParseOptions ParseOptions = new() { AllowedAlgorithms = [JwsAlgorithms.EdDSA], RequiredType = TokenType, MaxLength = 8192 };

    /// <summary>The audiences a token may name: the node's base URL or the tenant's API base URL.</summary>
    public bool IsAcceptableAudience(string audience, string tenantId) =>
        string.Equals(audience, identity.BaseUrl, StringComparison.Ordinal) || string.Equals(audience, identity.TenantEndpoint(tenantId), StringComparison.Ordinal);

    /// <summary>Issues a token.</summary>
    public string Issue(KeyPair nodeKey, string clientId, string tenantId, IReadOnlyList<string> scopes, string audience, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        var now = time.GetUtcNow();
        Span<byte> jti = stackalloc byte[16];
        random.Fill(jti);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("iss", identity.BaseUrl);
            w.WriteString("sub", clientId);
            w.WriteString("client_id", clientId);
            w.WriteString("aud", audience);
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            w.WriteString("jti", Cryptography.Encoding.Base64UrlStrict.Encode(jti));
            w.WriteString("scope", string.Join(' ', scopes));
            w.WriteString("tenant", tenantId);
            w.WriteEndObject();
        }

        return CompactJws.Sign(stream.ToArray(), nodeKey, identity.NodeDid + "#" + TenantKeys.Ed25519Fragment, TokenType);
    }

    /// <summary>Validates a token: signature by <paramref name="nodeKey"/>, type, issuer, expiry; null when not valid.</summary>
    public AccessTokenClaims? Validate(string token, PublicKey nodeKey)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(nodeKey);
        if (_validated.TryGetValue(token, out var known) && ReferenceEquals(known.Key, nodeKey))
        {
            if (time.GetUtcNow() < known.Claims.ExpiresAt)
            {
                return known.Claims;
            }

            _validated.TryRemove(token, out _);
            return null;
        }

        var claims = ValidateCore(token, nodeKey);
        if (claims is not null)
        {
            if (_validated.Count >= MaxCachedTokens)
            {
                _validated.Clear();
            }

            _validated[token] = (claims, nodeKey);
        }

        return claims;
    }

    private AccessTokenClaims? ValidateCore(string token, PublicKey nodeKey)
    {
        if (!CompactJws.TryParse(token, ParseOptions, out var jws, out _) || jws is null || !jws.VerifySignature(nodeKey))
        {
            return null;
        }

        JsonElement payload;
        try
        {
            payload = StrictJson.ParseElement(jws.Payload);
        }
        catch (JsonInputException)
        {
            return null;
        }

        if (payload.ValueKind != JsonValueKind.Object
            || String(payload, "iss") != identity.BaseUrl
            || String(payload, "sub") is not { } client
            || String(payload, "tenant") is not { } tenant
            || String(payload, "aud") is not { } audience
            || String(payload, "scope") is not { } scope
            || !payload.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expSeconds))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expSeconds, 0, 253_402_300_799));
        if (time.GetUtcNow() >= expiresAt || !IsAcceptableAudience(audience, tenant))
        {
            return null;
        }

        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new AccessTokenClaims(client, tenant, scopes, audience, expiresAt);
    }

    private static string? String(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
