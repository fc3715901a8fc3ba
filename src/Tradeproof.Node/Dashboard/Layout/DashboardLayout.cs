using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;

namespace Tradeproof.Node.Dashboard;

/// <summary>What the page shell needs to know about a page.</summary>
/// <param name="Title">The page's heading and the start of its <c>&lt;title&gt;</c>.</param>
/// <param name="Section">The section whose navigation link is marked current.</param>
/// <param name="TenantId">The tenant whose data the page shows (null on node-wide pages).</param>
internal sealed record DashboardPage(string Title, DashboardSection Section, string? TenantId = null)
{
    /// <summary>Breadcrumbs above the heading (label, link; the last one is the page itself and has no link).</summary>
    public IReadOnlyList<(string Label, string? Href)> Breadcrumbs { get; init; } = [];

    /// <summary>The HTTP status (200 unless an error page).</summary>
    public int Status { get; init; } = 200;
}

/// <summary>
/// The dashboard's page shell and request plumbing. A page is a handler mapped with <see cref="MapPage"/>: the access
/// check runs first, the handler reads what it needs and calls <see cref="WriteAsync"/> with its title and a callback
/// that writes the contents of <c>&lt;main&gt;</c>. The shell writes the doctype, head (UTF-8, viewport, stylesheet),
/// a skip link, the header with the node's name and the tenant, the navigation (every section; the current one has
/// <c>aria-current="page"</c>), the breadcrumbs, the <c>h1</c>, and the footer, plus the security headers.
/// </summary>
internal static class DashboardLayout
{
    /// <summary>The page's <c>Content-Security-Policy</c>: nothing from elsewhere, no scripts, no inline styles.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Maps a GET page with the access check and HTML error pages.</summary>
    public static IEndpointConventionBuilder MapPage(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Task> handler) =>
        app.MapGet(pattern, (RequestDelegate)(context => RunAsync(context, handler)));

    /// <summary>Runs a page handler: the access check, then the handler; problems become HTML error pages.</summary>
    public static async Task RunAsync(HttpContext context, Func<HttpContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        if (!await DashboardAccess.AllowsAsync(context).ConfigureAwait(false))
        {
            await WriteErrorAsync(context, 403, "Not allowed", DashboardAccess.Refusal).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (ApiProblemException e) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, e.Problem.Status, e.Problem.Title, e.Problem.Detail).ConfigureAwait(false);
        }
    }

    /// <summary>Writes an error page (no tenant data).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string title, string? detail) =>
        WriteAsync(context, new DashboardPage(title, DashboardSection.None) { Status = status }, main =>
        {
            if (detail is not null)
            {
                main.Element("p", detail);
            }

            main.Open("p").Link(DashboardSections.Root, "Back to the dashboard").Close("p");
        });

    /// <summary>The tenant named by the route value <c>id</c>; a 404 page when there is none (or it is the node itself).</summary>
    public static async Task<TenantRecord> TenantAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string;
        var tenant = id is null || id == NodeIdentity.NodeTenantId
            ? null
            : await JsonResponse.Services(context).Store.Tenants.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return tenant ?? throw new ApiProblemException(ApiProblem.NotFound($"No organization '{id}' on this node."));
    }

    /// <summary>Renders the page around <paramref name="main"/> and sends it (UTF-8, <c>no-store</c>, CSP).</summary>
    public static async Task WriteAsync(HttpContext context, DashboardPage page, Action<HtmlWriter> main)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(main);
        var services = JsonResponse.Services(context);
        var html = Render(page, services.Identity.BaseUrl, main);
        var bytes = Encoding.UTF8.GetBytes(html);
        var response = context.Response;
        response.StatusCode = page.Status;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = bytes.Length;
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The page's HTML (the shell around what <paramref name="main"/> writes).</summary>
    public static string Render(DashboardPage page, string nodeName, Action<HtmlWriter> main)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(main);
        var w = new HtmlWriter();
        w.Doctype().Open("html", ("lang", "en")).Open("head");
        w.Void("meta", ("charset", "utf-8"));
        w.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        w.Element("title", page.Title + (page.TenantId is null ? string.Empty : " · " + page.TenantId) + " · Tradeproof");
        w.Void("link", ("rel", "stylesheet"), ("href", DashboardAssets.Url("dashboard.css")));
        w.Void("link", ("rel", "icon"), ("href", DashboardAssets.Url("favicon.svg")), ("type", "image/svg+xml"));
        w.Close("head").Open("body");
        w.Link("#main", "Skip to main content", ("class", "skip-link"));

        w.Open("header", ("class", "site-header"));
        w.Link(DashboardSections.Root, "Tradeproof", ("class", "site-name"));
        w.Element("span", nodeName, ("class", "muted mono"));
        if (page.TenantId is not null)
        {
            w.Open("span", ("class", "tenant")).Text("Organization: ")
                .Link(DashboardSections.TenantPath(page.TenantId), page.TenantId).Close("span");
        }

        w.Open("nav", ("class", "site-nav"), ("aria-label", "Sections")).Open("ul");
        foreach (var section in DashboardSections.Navigation)
        {
            var tenant = DashboardSections.IsTenantSection(section) ? page.TenantId : null;
            var href = DashboardSections.IsTenantSection(section) && tenant is null
                ? DashboardSections.Root + "?section=" + DashboardSections.Segment(section)
                : DashboardSections.Path(section, tenant);
            w.Open("li").Link(href, DashboardSections.Label(section), ("aria-current", section == page.Section ? "page" : null)).Close("li");
        }

        w.Close("ul").Close("nav").Close("header");

        w.Open("main", ("id", "main"), ("tabindex", "-1"));
        if (page.Breadcrumbs.Count > 0)
        {
            w.Open("nav", ("class", "breadcrumbs"), ("aria-label", "Breadcrumbs")).Open("ol");
            for (var i = 0; i < page.Breadcrumbs.Count; i++)
            {
                var (label, href) = page.Breadcrumbs[i];
                w.Open("li");
                if (href is null || i == page.Breadcrumbs.Count - 1)
                {
                    w.Element("span", label, ("aria-current", i == page.Breadcrumbs.Count - 1 ? "page" : null));
                }
                else
                {
                    w.Link(href, label);
                }

                w.Close("li");
            }

            w.Close("ol").Close("nav");
        }

        w.Element("h1", page.Title);
        var depth = w.Depth;
        main(w);
        if (w.Depth != depth)
        {
            throw new InvalidOperationException($"The page '{page.Title}' left elements open.");
        }

        w.Close("main");
        w.Open("footer", ("class", "site-footer")).Text("Tradeproof node dashboard. Server-rendered, no scripts, nothing loaded from elsewhere.").Close("footer");
        w.Close("body").Close("html");
        return w.ToString();
    }
}
