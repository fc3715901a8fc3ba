using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node;

/// <summary>The dashboard, server-rendered (issue #9).</summary>
internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
