using System.Net;
using Microsoft.AspNetCore.Http;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Who may see the dashboard. Every dashboard page calls <see cref="AllowsAsync"/> before reading anything; the page
/// shell answers a refusal with a 403 page and no data.
/// </summary>
/// <remarks>
/// Interim rule (until the operator session lands in <c>Dashboard/Admin/OperatorSession*.cs</c>): only requests from a
/// loopback address. The pages show every tenant's data, so this is deliberately narrow: a dashboard reached through a
/// proxy or from another machine is refused. The operator session replaces the body of <see cref="AllowsAsync"/>.
/// </remarks>
internal static class DashboardAccess
{
    /// <summary>Whether the request may read the dashboard.</summary>
    public static ValueTask<bool> AllowsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;

        // An in-memory test server has no remote address; a real socket always has one.
        return ValueTask.FromResult(remote is null || IPAddress.IsLoopback(remote));
    }
}
