using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node;

/// <summary>The transparency log: <c>GET /log/checkpoint</c>, <c>/log/proofs/inclusion</c>, <c>/log/proofs/consistency</c>, <c>/log/entries</c> and witnessing (issue #8).</summary>
internal static class LogEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
