using Microsoft.AspNetCore.Builder;

namespace Tradeproof.Node;

/// <summary>Operability: OpenAPI and Swagger UI, metrics, rate limiting, structured logs, HTTPS (issue #7).</summary>
internal static class NodeOperability
{
    /// <summary>Registers the services (before the app is built).</summary>
    public static void AddServices(WebApplicationBuilder builder, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
    }

    /// <summary>Adds the middleware and endpoints (after routing is set up).</summary>
    public static void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
