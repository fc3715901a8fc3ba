using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// <c>POST /oauth/token</c>: the client credentials grant (RFC 6749 §4.4) from a form post with <c>grant_type</c>,
/// <c>client_id</c>, <c>client_secret</c>, optional <c>audience</c> and <c>scope</c>. Errors are RFC 9457 problems that
/// also carry RFC 6749 §5.2's <c>error</c> and <c>error_description</c>.
/// </summary>
internal static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", async context =>
        {
            var services = JsonResponse.Services(context);
            var form = await services.Body.ReadFormAsync(context).ConfigureAwait(false);
            if (!form.TryGetValue("grant_type", out var grant) || grant != "client_credentials")
            {
                throw new ApiProblemException(ApiProblem.BadRequest("grant_type must be client_credentials.") with { OAuthError = "unsupported_grant_type" });
            }

            if (!form.TryGetValue("client_id", out var clientId) || !form.TryGetValue("client_secret", out var secret) || clientId.Length is 0 or > 256 || secret.Length > 256)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("client_id and client_secret are required.") with { OAuthError = "invalid_request" });
            }

            var client = await services.Store.Clients.FindForAuthenticationAsync(clientId, context.RequestAborted).ConfigureAwait(false);
            if (client is null || !ClientSecrets.Verify(secret, client.SecretHash.Span))
            {
                throw new ApiProblemException(ApiProblem.Unauthorized("The client is unknown or its secret is wrong.") with { OAuthError = "invalid_client" });
            }

            var requested = form.TryGetValue("scope", out var scope)
                ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList()
                : [.. client.Scopes];
            var notGranted = requested.Where(s => !client.Scopes.Contains(s)).ToList();
            if (notGranted.Count > 0 || requested.Count == 0)
            {
                throw new ApiProblemException(ApiProblem.BadRequest($"The client may not request: {string.Join(' ', notGranted)}.") with { OAuthError = "invalid_scope" });
            }

            var audience = form.TryGetValue("audience", out var aud) ? aud : services.Identity.BaseUrl;
            if (!services.Tokens.IsAcceptableAudience(audience, client.TenantId))
            {
                throw new ApiProblemException(ApiProblem.BadRequest($"The audience must be {services.Identity.BaseUrl} or {services.Identity.TenantEndpoint(client.TenantId)}.") with { OAuthError = "invalid_target" });
            }

            string token;
            using (var key = await TenantKeys.GetPairAsync(services.Store, NodeIdentity.NodeTenantId, services.Identity.NodeDid + "#" + TenantKeys.Ed25519Fragment, context.RequestAborted).ConfigureAwait(false)
                ?? throw new StoreException(StoreErrorKind.Corrupt, "The node has no signing key."))
            {
                token = services.Tokens.Issue(key, client.ClientId, client.TenantId, requested, audience, services.Options.AccessTokenLifetime);
            }

            context.Response.Headers.CacheControl = "no-store";
            await JsonResponse.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("access_token", token);
                w.WriteString("token_type", "Bearer");
                w.WriteNumber("expires_in", (long)services.Options.AccessTokenLifetime.TotalSeconds);
                w.WriteString("scope", string.Join(' ', requested));
                w.WriteEndObject();
            }).ConfigureAwait(false);
        });
    }
}
