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
            var raw = JsonResponse.Route(context, "did");
            var did = Uri.UnescapeDataString(raw);

            // did:web ports are percent-encoded inside the DID itself: "did:web:localhost:5080" never reaches us
            // decoded (':' separates path segments), so a fully decoded "%3A" is restored before parsing.
            if (did.StartsWith("did:web:", StringComparison.Ordinal) && !Did.TryParse(did, out _))
            {
                did = raw;
            }

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

    private static async Task WriteDocumentAsync(HttpContext context, string tenantId)
    {
        var services = JsonResponse.Services(context);
        var document = await services.Documents.GetAsync(tenantId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"There is no organisation '{tenantId}'."));
        await JsonResponse.WriteBytesAsync(context, 200, System.Text.Encoding.UTF8.GetBytes(document.ToJson()), "application/did+json").ConfigureAwait(false);
    }
}
