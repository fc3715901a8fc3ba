using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Signing in and out. <c>GET /dashboard/login?token=T</c> shows a "Sign in" button (a GET never spends the link, so
/// link previews and prefetching cannot use it up); its POST spends the token (<see cref="OperatorLogin"/>), opens a
/// session and redirects to the dashboard. <c>GET /dashboard/logout</c> shows a "Sign out" button whose POST (with the
/// CSRF token) ends the session.
/// </summary>
internal static class OperatorPages
{
    /// <summary>The sign-out page.</summary>
    public const string LogoutPath = "/dashboard/logout";

    /// <summary>What to do without a working link.</summary>
    public const string HowToSignIn =
        "Open the one-time sign-in link that 'tradeproof serve' or 'tradeproof demo' printed, or make a new one on the node's machine with 'tradeproof dashboard link' (the same --data, --postgres or --config as the node). A link works once, for 15 minutes.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(OperatorLogin.Path, LoginPageAsync);
        app.MapPost(OperatorLogin.Path, LoginAsync);
        DashboardLayout.MapPage(app, LogoutPath, LogoutPageAsync);
        AdminForms.MapPost(app, LogoutPath, (context, _) =>
        {
            OperatorSessions.For(JsonResponse.Services(context)).End(context);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = OperatorLogin.Path;
            return Task.CompletedTask;
        });
    }

    private static Task LoginPageAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var signedIn = OperatorSessions.For(services).Current(context) is not null;
        var token = context.Request.Query["token"].ToString();
        return DashboardLayout.WriteAsync(context, new DashboardPage("Sign in", DashboardSection.None), main =>
        {
            if (signedIn)
            {
                main.Open("p").Text("You are signed in. ").Link(DashboardSections.Root, "Go to the dashboard").Text(" or ").Link(LogoutPath, "sign out").Text(".").Close("p");
                return;
            }

            if (token.Length == 0)
            {
                main.Element("p", "You are not signed in.");
                main.Element("p", HowToSignIn);
                return;
            }

            main.Element("p", "This link signs you in as the operator of this node. It works once.");
            main.Open("form", ("method", "post"), ("action", OperatorLogin.Path));
            main.Void("input", ("type", "hidden"), ("name", "token"), ("value", token));
            main.Element("button", "Sign in", ("type", "submit"));
            main.Close("form");
        });
    }

    private static async Task LoginAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        string? token = null;
        if (context.Request.HasFormContentType && context.Request.ContentLength is null or <= AdminForms.MaxFormBytes && AdminForms.IsSameOrigin(context.Request))
        {
            try
            {
                var form = await context.Request.ReadFormAsync(new FormOptions { ValueCountLimit = 4, ValueLengthLimit = 256, KeyLengthLimit = 16 }, context.RequestAborted).ConfigureAwait(false);
                token = form["token"] is { Count: 1 } value ? value[0] : null;
            }
            catch (InvalidDataException)
            {
                // Refused below.
            }
        }

        if (!await OperatorLogin.RedeemAsync(services.Store, token, context.RequestAborted).ConfigureAwait(false))
        {
            await DashboardLayout.WriteErrorAsync(context, 401, "The sign-in link does not work",
                "It was used already, it expired, or it was not made for this node. " + HowToSignIn).ConfigureAwait(false);
            return;
        }

        OperatorSessions.For(services).Open(context);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = DashboardSections.Root;
        context.Response.Headers.CacheControl = "no-store";
    }

    private static Task LogoutPageAsync(HttpContext context)
    {
        var session = OperatorSessions.For(JsonResponse.Services(context)).Current(context);
        return DashboardLayout.WriteAsync(context, new DashboardPage("Sign out", DashboardSection.None), main =>
        {
            if (session is null)
            {
                main.Open("p").Text("You are not signed in. ").Link(OperatorLogin.Path, "Sign in").Close("p");
                return;
            }

            main.Open("dl", ("class", "facts"));
            main.Element("dt", "Signed in at");
            main.Element("dd", Time(session.Created));
            main.Element("dt", "The session ends");
            main.Element("dd", $"after {OperatorSessions.IdleTimeout.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes without a request, and at {Time(session.Created + OperatorSessions.AbsoluteLifetime)} at the latest");
            main.Close("dl");
            AdminForms.OpenPostForm(main, context, LogoutPath);
            main.Element("button", "Sign out", ("type", "submit"));
            main.Close("form");
        });
    }

    /// <summary>A time as the pages show it (UTC, to the second).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
