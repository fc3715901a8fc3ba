using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node;

/// <summary><c>GET /health</c> (the process answers) and <c>GET /ready</c> (the store answers too).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", context => JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteEndObject();
        }));
        app.MapGet("/ready", async context =>
        {
            var services = JsonResponse.Services(context);
            try
            {
                _ = await services.Store.Tenants.GetAsync(NodeIdentity.NodeTenantId, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Storage.StoreException e)
            {
                throw new ApiProblemException(ApiProblem.Unavailable("The store does not answer: " + e.Message));
            }

            await JsonResponse.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "ready");
                w.WriteString("store", services.Store.Provider);
                w.WriteEndObject();
            }).ConfigureAwait(false);
        });
    }
}
