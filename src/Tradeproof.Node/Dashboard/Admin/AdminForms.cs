using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// POST forms of the operator's pages. A form carries the session's CSRF token in a hidden field; a POST is accepted
/// only with an open session (<see cref="DashboardLayout.RunAsync"/>), a form body, the token, and, when the browser
/// says where the request comes from (<c>Origin</c>, <c>Sec-Fetch-Site</c>), this node's own pages. Anything else is a
/// 403 page and changes nothing.
/// </summary>
internal static class AdminForms
{
    /// <summary>The largest form body accepted (the forms have a few short fields).</summary>
    public const int MaxFormBytes = 16 * 1024;

    /// <summary>Opens <c>&lt;form method="post"&gt;</c> with the session's CSRF token; the caller writes the fields and closes it.</summary>
    public static HtmlWriter OpenPostForm(HtmlWriter w, HttpContext context, string action, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Open("form", ("method", "post"), ("action", action), ("class", cssClass));

        // Without a session (nothing to protect) the form has no token: its POST is refused like any other.
        if (OperatorSessions.For(JsonResponse.Services(context)).Current(context) is { } session)
        {
            w.Void("input", ("type", "hidden"), ("name", OperatorSessions.CsrfField), ("value", session.CsrfToken));
        }

        return w;
    }

    /// <summary>Maps a POST handler behind the session, the origin check and the CSRF token; the handler gets the form.</summary>
    public static IEndpointConventionBuilder MapPost(IEndpointRouteBuilder app, string pattern, Func<HttpContext, IFormCollection, Task> handler) =>
        app.MapPost(pattern, (RequestDelegate)(context => DashboardLayout.RunAsync(context, async c =>
        {
            var form = await ReadCheckedFormAsync(c).ConfigureAwait(false);
            if (form is null)
            {
                await DashboardLayout.WriteErrorAsync(c, 403, "Form refused",
                    "The form did not come from this dashboard with its security token (CSRF). Nothing was changed; open the page again and resubmit.").ConfigureAwait(false);
                return;
            }

            await handler(c, form).ConfigureAwait(false);
        })));

    // The form when the request is a same-origin form POST carrying the session's CSRF token; null otherwise.
    private static async Task<IFormCollection?> ReadCheckedFormAsync(HttpContext context)
    {
        var session = OperatorSessions.For(JsonResponse.Services(context)).Current(context);
        if (session is null || !context.Request.HasFormContentType || !IsSameOrigin(context.Request))
        {
            return null;
        }

        if (context.Request.ContentLength is > MaxFormBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { ValueCountLimit = 32, KeyLengthLimit = 64, ValueLengthLimit = 4096, MultipartBodyLengthLimit = MaxFormBytes }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return form[OperatorSessions.CsrfField] is { Count: 1 } token && OperatorSessions.IsCsrfToken(session, token[0]) ? form : null;
    }

    /// <summary>
    /// Whether a POST comes from this node's own pages, as far as the browser says: <c>Sec-Fetch-Site</c>, when sent,
    /// is <c>same-origin</c>; <c>Origin</c>, when sent, is this node's, or <c>null</c> together with
    /// <c>Sec-Fetch-Site: same-origin</c> (the pages' <c>Referrer-Policy: no-referrer</c> makes Chromium send
    /// <c>Origin: null</c> for its own forms). The CSRF token is the guard; this is a second one.
    /// </summary>
    internal static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (origin == "null" ? site == "same-origin" : string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
