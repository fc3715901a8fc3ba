using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-For / X-Forwarded-Proto count only when the connection comes from a configured
/// trusted proxy; the client address they give is the rate limiter's partition and the request log's <c>remote</c>.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.1");

    [Fact]
    public async Task A_trusted_proxys_forwarded_client_address_and_scheme_are_used_by_the_rate_limiter_and_the_request_log()
    {
        await using var node = await ProxiedNode.StartAsync(["10.0.0.1", "192.168.0.0/16"]);

        // One client behind the proxy: its own bucket of 2, then 429.
        var first = await node.GetAsync(Proxy, "203.0.113.7", "https");
        Assert.Equal(200, first.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), first.Connection.RemoteIpAddress);
        Assert.Equal("https", first.Request.Scheme);
        Assert.Equal(200, (await node.GetAsync(Proxy, "203.0.113.7", "https")).Response.StatusCode);
        Assert.Equal(429, (await node.GetAsync(Proxy, "203.0.113.7", "https")).Response.StatusCode);

        // Another client behind the same proxy is not limited by the first one's requests; a chain of two trusted
        // proxies (the inner one in 192.168.0.0/16) is peeled off to the client, and a forged address left of it is ignored.
        Assert.Equal(200, (await node.GetAsync(Proxy, "203.0.113.8", null)).Response.StatusCode);
        var chained = await node.GetAsync(Proxy, "198.51.100.99, 203.0.113.9, 192.168.4.4", "https");
        Assert.Equal(200, chained.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), chained.Connection.RemoteIpAddress);

        // The request log names the client, never the proxy. A line is written when its request ends, which may be
        // just after the client has the response: wait (bounded) for the last two clients' lines, then compare sets.
        HashSet<string?> Remotes() => node.Logs.Lines.Where(l => l.Category == "Tradeproof.Node.Requests").Select(l => l.State["Remote"] as string).ToHashSet();
        for (var wait = 0; wait < 100 && !(Remotes().Contains("203.0.113.8") && Remotes().Contains("203.0.113.9")); wait++)
        {
            await Task.Delay(50);
        }

        var remotes = Remotes();
        Assert.Superset(new HashSet<string?> { "203.0.113.8", "203.0.113.9" }, remotes);
        Assert.Subset(new HashSet<string?> { "203.0.113.7", "203.0.113.8", "203.0.113.9" }, remotes);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_sender_or_with_no_trusted_proxy_configured_are_ignored()
    {
        await using (var node = await ProxiedNode.StartAsync(["10.0.0.1"]))
        {
            var stranger = IPAddress.Parse("10.0.0.2");
            var answer = await node.GetAsync(stranger, "203.0.113.7", "https");
            Assert.Equal(200, answer.Response.StatusCode);
            Assert.Equal(stranger, answer.Connection.RemoteIpAddress);
            Assert.Equal("http", answer.Request.Scheme);

            // Changing the forged address does not buy a new bucket: the stranger's own address is limited.
            Assert.Equal(200, (await node.GetAsync(stranger, "203.0.113.8", null)).Response.StatusCode);
            Assert.Equal(429, (await node.GetAsync(stranger, "203.0.113.9", null)).Response.StatusCode);
        }

        // No proxy configured: not even loopback is believed (ASP.NET Core's default would trust it).
        await using (var node = await ProxiedNode.StartAsync([]))
        {
            var answer = await node.GetAsync(IPAddress.Loopback, "203.0.113.7", "https");
            Assert.Equal(IPAddress.Loopback, answer.Connection.RemoteIpAddress);
            Assert.Equal("http", answer.Request.Scheme);
        }
    }

    [Fact]
    public void Trusted_proxies_are_read_from_configuration_as_a_list_or_one_string_and_bad_entries_are_refused()
    {
        var listed = NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?>
        {
            ["Node:TrustedProxies:0"] = "10.0.0.1",
            ["Node:TrustedProxies:1"] = "fd00::/8",
        }));
        Assert.Equal(["10.0.0.1", "fd00::/8"], listed.TrustedProxies);
        var joined = NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?> { ["Node:TrustedProxies"] = "10.0.0.1, 192.168.0.0/16" }));
        Assert.Equal(["10.0.0.1", "192.168.0.0/16"], joined.TrustedProxies);
        Assert.Empty(NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?>())).TrustedProxies);

        foreach (var bad in new[] { "proxy.example.com", "10.0.0.0/33", "7" })
        {
            var error = Assert.Throws<NodeConfigurationException>(() =>
                NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?> { ["Node:TrustedProxies"] = bad })));
            Assert.Contains("TrustedProxies", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A node on a test server whose requests can come from any address; unauthenticated bucket of 2.</summary>
    private sealed class ProxiedNode : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly WebApplication _app;

        private ProxiedNode(string folder, WebApplication app, OperabilityTests.CapturingLoggerProvider logs)
        {
            _folder = folder;
            _app = app;
            Logs = logs;
        }

        public OperabilityTests.CapturingLoggerProvider Logs { get; }

        public static async Task<ProxiedNode> StartAsync(IReadOnlyList<string> trustedProxies)
        {
            var logs = new OperabilityTests.CapturingLoggerProvider();
            var folder = Path.Combine(Path.GetTempPath(), "tradeproof-node-" + Guid.NewGuid().ToString("N"));
            var options = new NodeOptions
            {
                DataDirectory = folder,
                TrustedProxies = trustedProxies,
                Operability = new OperabilityOptions { AddressBurst = 2, AddressPermitsPerSecond = 1 },
            };
            var app = await TradeproofNode.BuildAsync(options, configure: b =>
            {
                b.WebHost.UseTestServer();
                b.Logging.AddProvider(logs);
            });
            await app.StartAsync();
            return new ProxiedNode(folder, app, logs);
        }

        /// <summary>GET the node's DID document over a connection from <paramref name="from"/>, with forwarded headers.</summary>
        public Task<HttpContext> GetAsync(IPAddress from, string? forwardedFor, string? forwardedProto) =>
            _app.GetTestServer().SendAsync(context =>
            {
                context.Connection.RemoteIpAddress = from;
                context.Request.Method = "GET";
                context.Request.Scheme = "http";
                context.Request.Path = "/.well-known/did.json";
                if (forwardedFor is not null)
                {
                    context.Request.Headers["X-Forwarded-For"] = forwardedFor;
                }

                if (forwardedProto is not null)
                {
                    context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
                }
            });

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
