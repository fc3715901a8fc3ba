using Microsoft.AspNetCore.Routing;
using Tradeproof.Node.Dashboard;

namespace Tradeproof.Node;

/// <summary>
/// The dashboard, server-rendered (issue #9): <c>GET /</c> redirects to <c>/dashboard</c>; the page shell, assets and
/// access check are in <c>Dashboard/Layout</c>; see docs/dashboard.md.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app, Customs.CustomsServices customs)
    {
        ArgumentNullException.ThrowIfNull(app);
        DashboardAssets.Map(app);
        DashboardHome.Map(app);
        AdminEndpoints.Map(app);
        OutboxPage.Map(app, customs);
    }
}
