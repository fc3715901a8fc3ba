using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node;

/// <summary>The customs single window: trust registry, provisional messages, agency routing and G2G exchange (issue #8).</summary>
internal static class CustomsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
