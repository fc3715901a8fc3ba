using Tradeproof.Dids;

namespace Tradeproof.Node;

/// <summary>
/// The node's names: its base URL, its own did:web (<c>did:web:HOST%3APORT</c>, document at
/// <c>/.well-known/did.json</c>) and each tenant's (<c>did:web:HOST%3APORT:organizations:ID</c>, document at
/// <c>/organizations/ID/did.json</c>), per the did:web method's "Read" steps.
/// </summary>
public sealed class NodeIdentity
{
    /// <summary>The store tenant that holds the node's own keys (not a valid organisation id, so it never collides).</summary>
    public const string NodeTenantId = "_node";

    private readonly string _tenantPrefix;

    /// <summary>Creates the names for a node reachable at <paramref name="publicUrl"/>.</summary>
    /// <exception cref="NodeConfigurationException">The URL's host cannot be a did:web host (an IP address).</exception>
    public NodeIdentity(Uri publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        BaseUrl = publicUrl.GetLeftPart(UriPartial.Authority);
        int? port = publicUrl.IsDefaultPort ? null : publicUrl.Port;
        try
        {
            NodeDid = DidWeb.Create(publicUrl.Host, port).ToString();
        }
        catch (ArgumentException e)
        {
            throw new NodeConfigurationException($"The public URL's host '{publicUrl.Host}' cannot name a did:web DID (use a domain name such as localhost, not an IP address).", e);
        }

        _tenantPrefix = NodeDid + ":organizations:";
    }

    /// <summary>The base URL without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The node's own DID.</summary>
    public string NodeDid { get; }

    /// <summary>Whether <paramref name="tenantId"/> is an acceptable organisation id: 1-64 of a-z, 0-9 and inner hyphens.</summary>
    public static bool IsValidTenantId(string? tenantId) =>
        tenantId is { Length: > 0 and <= 64 }
        && tenantId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && tenantId[0] != '-' && tenantId[^1] != '-';

    /// <summary>The tenant's DID.</summary>
    public string TenantDid(string tenantId) => _tenantPrefix + tenantId;

    /// <summary>The tenant's API base URL (the <c>TraceabilityAPI</c> service endpoint).</summary>
    public string TenantEndpoint(string tenantId) => BaseUrl + "/organizations/" + tenantId;

    /// <summary>The tenant named by a DID of this node, or the node tenant for the node DID; null for any other DID.</summary>
    public string? TenantOf(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (string.Equals(did, NodeDid, StringComparison.Ordinal))
        {
            return NodeTenantId;
        }

        if (did.StartsWith(_tenantPrefix, StringComparison.Ordinal))
        {
            var id = did[_tenantPrefix.Length..];
            return IsValidTenantId(id) ? id : null;
        }

        return null;
    }
}
