using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// The dashboard's operator pages (issue #9): sign-in by a one-time link (<see cref="OperatorLogin"/>) and sign-out,
/// the trust registry, keys and DIDs, status lists (revoke, suspend, unsuspend) and the transparency log. Every page
/// goes through <see cref="DashboardLayout.RunAsync"/> (the operator session); every POST also needs the session's
/// CSRF token (<see cref="AdminForms"/>).
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        OperatorPages.Map(app);
        RegistryPage.Map(app);
        KeysPage.Map(app);
        StatusListsPage.Map(app);
        LogPage.Map(app);
    }
}
