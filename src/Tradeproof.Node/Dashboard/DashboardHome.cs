using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// <c>GET /</c> (redirects to <c>/dashboard</c>), <c>GET /dashboard</c> (the node's organizations; with
/// <c>?section=twins</c> etc. each links into that section) and <c>GET /dashboard/organizations/{id}</c> (one
/// organization: links to its sections).
/// </summary>
internal static class DashboardHome
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", context =>
        {
            context.Response.Redirect(DashboardSections.Root);
            return Task.CompletedTask;
        });
        DashboardLayout.MapPage(app, DashboardSections.Root, HomeAsync);
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}", TenantAsync);

        // The tenant sections of the first part of the dashboard (the admin sections map themselves in AdminEndpoints).
        TwinPages.Map(app);
        InboxPages.Map(app);
    }

    private static async Task HomeAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenants = (await services.Store.Tenants.ListAsync(context.RequestAborted).ConfigureAwait(false))
            .Where(t => t.Id != NodeIdentity.NodeTenantId).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var requested = context.Request.Query["section"].ToString();
        var section = DashboardSections.Navigation.FirstOrDefault(s => DashboardSections.IsTenantSection(s) && DashboardSections.Segment(s) == requested);
        await DashboardLayout.WriteAsync(context, new DashboardPage("Organizations on this node", section), main =>
        {
            if (section != DashboardSection.None)
            {
                main.Element("p", "Choose the organization whose " + DashboardSections.Label(section).ToLowerInvariant() + " to show.");
            }

            if (tenants.Count == 0)
            {
                main.Element("p", "This node hosts no organization yet (tradeproof tenant add).");
                return;
            }

            main.Open("table").Element("caption", tenants.Count + (tenants.Count == 1 ? " organization" : " organizations"))
                .Open("thead").Open("tr").Element("th", "Organization", ("scope", "col")).Element("th", "Identifier", ("scope", "col")).Close("tr").Close("thead")
                .Open("tbody");
            foreach (var tenant in tenants)
            {
                var href = section == DashboardSection.None ? DashboardSections.TenantPath(tenant.Id) : DashboardSections.Path(section, tenant.Id);
                main.Open("tr").Open("td").Link(href, tenant.DisplayName).Close("td").Element("td", tenant.Id, ("class", "mono")).Close("tr");
            }

            main.Close("tbody").Close("table");
        }).ConfigureAwait(false);
    }

    private static async Task TenantAsync(HttpContext context)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var did = JsonResponse.Services(context).Identity.TenantDid(tenant.Id);
        var page = new DashboardPage(tenant.DisplayName, DashboardSection.None, tenant.Id)
        {
            Breadcrumbs = [("Organizations", DashboardSections.Root), (tenant.DisplayName, null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            main.Open("dl", ("class", "facts")).Element("dt", "Identifier").Element("dd", tenant.Id, ("class", "mono"))
                .Element("dt", "DID").Element("dd", did, ("class", "mono")).Close("dl");
            main.Open("ul");
            foreach (var section in DashboardSections.Navigation.Where(DashboardSections.IsTenantSection))
            {
                main.Open("li").Link(DashboardSections.Path(section, tenant.Id), DashboardSections.Label(section)).Close("li");
            }

            main.Close("ul");
        }).ConfigureAwait(false);
    }
}
