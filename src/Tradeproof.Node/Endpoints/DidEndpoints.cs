using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Dids;

namespace Tradeproof.Node;

/// <summary>
/// did:web documents without authentication (<c>/.well-known/did.json</c>, <c>/organizations/{id}/did.json</c>), and
/// <c>GET /organizations/{id}/identifiers/{did}</c> (a DID resolution result; the DID may arrive percent-encoded).
/// </summary>
internal static class DidEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/did.json", context => WriteDocumentAsync(context, NodeIdentity.NodeTenantId));
        app.MapGet("/organizations/{id}/did.json", context =>
        {
            var id = JsonResponse.Route(context, "id");
            return NodeIdentity.IsValidTenantId(id)
                ? WriteDocumentAsync(context, id)
                : throw new ApiProblemException(ApiProblem.NotFound($"There is no organisation '{id}'."));
        });
        app.MapGet("/organizations/{id}/identifiers/{*did}", async context =>
        {
            var services = JsonResponse.Services(context);
            var tenantId = JsonResponse.Route(context, "id");
            await services.AuthorizeAsync(context, tenantId, Scopes.ResolveDids).ConfigureAwait(false);
            // Routing decoded the path once: "did%3Aweb%3Alocalhost%253A5080" arrives as "did:web:localhost%3A5080";
            // a DID sent with its port's "%3A" unencoded arrives as "did:web:localhost:5080" and is read as that port.
            var raw = JsonResponse.Route(context, "did");
            var did = raw.StartsWith("did:", StringComparison.Ordinal) ? raw : Uri.UnescapeDataString(raw);
            did = WithEncodedPort(did, services.Identity) ?? did;

            if (!Did.TryParse(did, out var parsed))
            {
                throw new ApiProblemException(ApiProblem.BadRequest($"'{did}' is not a DID."));
            }

            var result = await services.Resolver.ResolveAsync(parsed, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new ApiProblemException(result.Error == DidErrorCodes.NotFound
                    ? ApiProblem.NotFound(result.DidResolutionMetadata.ErrorMessage ?? "The DID was not found.")
                    : ApiProblem.BadRequest(result.DidResolutionMetadata.ErrorMessage ?? result.Error ?? "The DID did not resolve."));
            }

            await JsonResponse.WriteBytesAsync(context, 200, System.Text.Encoding.UTF8.GetBytes(result.ToJson()), "application/ld+json;profile=\"https://w3id.org/did-resolution\"").ConfigureAwait(false);
        });
    }

    // did:web:HOST:PORT:... (a decoded port) names this node's did:web:HOST%3APORT:... when that is one of ours.
    private static string? WithEncodedPort(string did, NodeIdentity identity)
    {
        if (!did.StartsWith("did:web:", StringComparison.Ordinal) || identity.TenantOf(did) is not null)
        {
            return null;
        }

        var parts = did["did:web:".Length..].Split(':');
        if (parts.Length < 2 || parts[1].Length is 0 or > 5 || !parts[1].All(char.IsAsciiDigit))
        {
            return null;
        }

        var candidate = "did:web:" + parts[0] + "%3A" + string.Join(':', parts[1..]);
        return identity.TenantOf(candidate) is not null ? candidate : null;
    }

    private static async Task WriteDocumentAsync(HttpContext context, string tenantId)
    {
        var services = JsonResponse.Services(context);
        var document = await services.Documents.GetAsync(tenantId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"There is no organisation '{tenantId}'."));
        await JsonResponse.WriteBytesAsync(context, 200, System.Text.Encoding.UTF8.GetBytes(document.ToJson()), "application/did+json").ConfigureAwait(false);
    }
}
