using Microsoft.AspNetCore.Http;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Who may see the dashboard. Every dashboard page calls <see cref="AllowsAsync"/> before reading anything; the page
/// shell answers a refusal with a 403 page and no data.
/// </summary>
/// <remarks>
/// The rule: the request carries the cookie of an open operator session (<see cref="OperatorSessions"/>, opened by a
/// one-time sign-in link, <see cref="OperatorLogin"/>). Whoever holds no session sees only the sign-in page.
/// </remarks>
internal static class DashboardAccess
{
    /// <summary>What a refused request is told.</summary>
    public const string Refusal = "Sign in first. " + OperatorPages.HowToSignIn;

    /// <summary>Whether the request may read the dashboard: it belongs to an open operator session.</summary>
    public static ValueTask<bool> AllowsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(OperatorSessions.For(JsonResponse.Services(context)).Current(context) is not null);
    }
}
