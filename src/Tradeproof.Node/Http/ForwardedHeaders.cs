using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tradeproof.Node;

/// <summary>
/// Behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are taken, and only from the proxies
/// the operator trusts (<see cref="NodeOptions.TrustedProxies"/>: addresses or CIDR networks). The client address
/// they give is what the rate limiter partitions by and what the request log shows; the scheme is the request's.
/// With no trusted proxy (the default) the headers are ignored: the client address is the connection's.
/// </summary>
/// <remarks>
/// The headers are read from the right: each hop whose sender is a trusted proxy is peeled off, and the first address
/// that is not a trusted proxy is the client (ASP.NET Core's <c>ForwardedHeadersMiddleware</c>, with the loopback
/// defaults removed so that only configured proxies count). Forged entries left of that address are ignored.
/// </remarks>
internal static class NodeForwardedHeaders
{
    /// <summary>Reads <c>Node:TrustedProxies</c> entries: an IPv4/IPv6 address or a CIDR network each.</summary>
    /// <exception cref="NodeConfigurationException">An entry is neither.</exception>
    public static (IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks) Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Contains('/', StringComparison.Ordinal))
            {
                if (!System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    throw new NodeConfigurationException($"Node:TrustedProxies '{entry}' is not a CIDR network (e.g. 10.0.0.0/8).");
                }

                networks.Add(network);
            }
            else if (entry.IndexOfAny(['.', ':']) >= 0 && IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new NodeConfigurationException($"Node:TrustedProxies '{entry}' is not an IP address or a CIDR network.");
            }
        }

        return (proxies, networks);
    }

    /// <summary>Adds the middleware when the operator trusts at least one proxy (call it first in the pipeline).</summary>
    public static void Use(WebApplication app, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustedProxies.Count == 0)
        {
            return;
        }

        var (proxies, networks) = Parse(options.TrustedProxies);
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null, // every trusted hop is peeled off; the first untrusted address stops it
            RequireHeaderSymmetry = false,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(proxy);
        }

        foreach (var network in networks)
        {
            forwarded.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(forwarded);
    }
}
