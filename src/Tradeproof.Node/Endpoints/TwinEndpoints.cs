using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node;

/// <summary>Digital twin and inbox read APIs (issue #7).</summary>
internal static class TwinEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
