using System.Text.Json.Nodes;

namespace Tradeproof.Demo;

/// <summary>An organisation of the demo: a tenant on one of the nodes, with its did:web and its OAuth client.</summary>
public sealed class DemoParty
{
    internal DemoParty(DemoNode node, string tenantId, string name, string country, string role)
    {
        Node = node;
        TenantId = tenantId;
        Name = name;
        Country = country;
        Role = role;
        Did = node.Identity.TenantDid(tenantId);
        Endpoint = node.Identity.TenantEndpoint(tenantId);
    }

    /// <summary>The node hosting the organisation.</summary>
    public DemoNode Node { get; }

    /// <summary>The tenant id on its node.</summary>
    public string TenantId { get; }

    /// <summary>The organisation's name.</summary>
    public string Name { get; }

    /// <summary>Its country (ISO 3166-1 alpha-2).</summary>
    public string Country { get; }

    /// <summary>What it does in the supply chain.</summary>
    public string Role { get; }

    /// <summary>Its did:web.</summary>
    public string Did { get; }

    /// <summary>Its API base URL (the <c>TraceabilityAPI</c> service endpoint of its DID document).</summary>
    public string Endpoint { get; }

    internal string? ClientId { get; set; }

    internal string? ClientSecret { get; set; }

    /// <summary>The organisation as a traceability-vocabulary Organization object.</summary>
    public JsonObject Organization() => new()
    {
        ["type"] = new JsonArray("Organization"),
        ["id"] = Did,
        ["name"] = Name,
        ["location"] = new JsonObject
        {
            ["type"] = new JsonArray("Place"),
            ["address"] = new JsonObject { ["type"] = new JsonArray("PostalAddress"), ["addressCountry"] = Country },
        },
    };

    /// <summary>A short reference: <c>{type, id, name}</c>.</summary>
    public string Ref() => $$"""{ "type": ["Organization"], "id": "{{Did}}", "name": "{{Name}}" }""";

    /// <inheritdoc />
    public override string ToString() => Name;
}
