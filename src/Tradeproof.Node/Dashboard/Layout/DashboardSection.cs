namespace Tradeproof.Node.Dashboard;

/// <summary>The dashboard's sections, in navigation order.</summary>
internal enum DashboardSection
{
    /// <summary>No section (the home page, errors).</summary>
    None,

    /// <summary>Digital twins: search and a twin's page (task C).</summary>
    Twins,

    /// <summary>The customs inbox: received presentations and their assessment (task C).</summary>
    Inbox,

    /// <summary>The customs outbox: messages sent, their delivery, re-send of given-up ones (admin).</summary>
    Outbox,

    /// <summary>The trust registry (admin).</summary>
    Registry,

    /// <summary>Keys and DIDs (admin).</summary>
    Keys,

    /// <summary>Status lists, revoke and suspend (admin).</summary>
    StatusLists,

    /// <summary>The transparency log (admin; node-wide).</summary>
    Log,
}

/// <summary>Names and URLs of the sections. Tenant sections live under <c>/dashboard/organizations/{id}/</c>.</summary>
internal static class DashboardSections
{
    /// <summary>The dashboard's root path.</summary>
    public const string Root = "/dashboard";

    /// <summary>The sections shown in the navigation, in order.</summary>
    public static readonly IReadOnlyList<DashboardSection> Navigation =
    [
        DashboardSection.Twins, DashboardSection.Inbox, DashboardSection.Outbox, DashboardSection.Registry, DashboardSection.Keys, DashboardSection.StatusLists, DashboardSection.Log,
    ];

    /// <summary>The label in the navigation and page titles.</summary>
    public static string Label(DashboardSection section) => section switch
    {
        DashboardSection.Twins => "Twins",
        DashboardSection.Inbox => "Inbox",
        DashboardSection.Outbox => "Outbox",
        DashboardSection.Registry => "Registry",
        DashboardSection.Keys => "Keys & DIDs",
        DashboardSection.StatusLists => "Status lists",
        DashboardSection.Log => "Log",
        _ => "Dashboard",
    };

    /// <summary>
    /// The section's path segment: tenant sections are <c>/dashboard/organizations/{id}/SEGMENT</c>, the node-wide log is
    /// <c>/dashboard/log</c>.
    /// </summary>
    public static string Segment(DashboardSection section) => section switch
    {
        DashboardSection.Twins => "twins",
        DashboardSection.Inbox => "inbox",
        DashboardSection.Outbox => "outbox",
        DashboardSection.Registry => "registry",
        DashboardSection.Keys => "keys",
        DashboardSection.StatusLists => "status-lists",
        DashboardSection.Log => "log",
        _ => string.Empty,
    };

    /// <summary>Whether the section shows one tenant's data (all but the node-wide log).</summary>
    public static bool IsTenantSection(DashboardSection section) => section is not (DashboardSection.Log or DashboardSection.None);

    /// <summary>The URL of a tenant's page (path segments after the tenant are escaped).</summary>
    public static string TenantPath(string tenantId, params ReadOnlySpan<string> segments)
    {
        var path = Root + "/organizations/" + Uri.EscapeDataString(tenantId);
        foreach (var segment in segments)
        {
            path += "/" + Uri.EscapeDataString(segment);
        }

        return path;
    }

    /// <summary>The section's URL: for a tenant section, the tenant's (the dashboard home when no tenant is chosen).</summary>
    public static string Path(DashboardSection section, string? tenantId) =>
        section == DashboardSection.Log ? Root + "/log"
        : section == DashboardSection.None || tenantId is null ? Root
        : TenantPath(tenantId, Segment(section));
}
