using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tradeproof.Node;
using Tradeproof.Storage;

namespace Tradeproof.Demo;

/// <summary>
/// <c>tradeproof demo</c>: a network of nodes on localhost (producers, carrier, broker, CBP, agencies, a foreign
/// customs authority) running the five test areas and the 2025 phases end to end over real HTTP. Each node is a
/// real <see cref="TradeproofNode"/> on its own loopback port with its own SQLite store; the organisations are tenants
/// created through the node's administration API; the nodes resolve each other's did:web over HTTP
/// (<see cref="NodeOptions.LoopbackDidWebHosts"/>).
/// </summary>
public sealed class DemoNetwork : IAsyncDisposable
{
    /// <summary>The scenario that runs every other.</summary>
    public const string AllScenarios = "all";

    private readonly Dictionary<string, DemoParty> _parties = new(StringComparer.Ordinal);
    private readonly bool _ownsDataDirectory;

    private DemoNetwork(string dataDirectory, bool ownsDataDirectory, IReadOnlyList<DemoNode> nodes, DemoOptions options)
    {
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Nodes = nodes;
        Options = options;
        foreach (var party in nodes.SelectMany(n => n.Parties))
        {
            _parties[party.TenantId] = party;
        }
    }

    /// <summary>The data folder (one sub-folder per node).</summary>
    public string DataDirectory { get; }

    /// <summary>The running nodes.</summary>
    public IReadOnlyList<DemoNode> Nodes { get; }

    /// <summary>The settings.</summary>
    public DemoOptions Options { get; }

    /// <summary>Every organisation of the network.</summary>
    public IEnumerable<DemoParty> Parties => _parties.Values;

    /// <summary>The dashboard's URL: <c>GET /</c> of the CBP node.</summary>
    public string DashboardUrl => Node("cbp").BaseUrl + "/";

    /// <summary>The organisation with this tenant id.</summary>
    public DemoParty Party(string tenantId) => _parties.TryGetValue(tenantId, out var party) ? party : throw new ArgumentException($"No organisation '{tenantId}' in the demo.", nameof(tenantId));

    /// <summary>The node with this name.</summary>
    public DemoNode Node(string name) => Nodes.FirstOrDefault(n => n.Name == name) ?? throw new ArgumentException($"No node '{name}' in the demo.", nameof(name));

    /// <summary>Starts every node (in parallel), creates the organisations and their OAuth clients.</summary>
    /// <exception cref="DemoException">A port is in use or the data folder cannot be used.</exception>
    public static async Task<DemoNetwork> StartAsync(DemoOptions options, Action<DemoStep>? report = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var owns = options.DataDirectory is null;
        var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "tradeproof-demo-" + Convert.ToHexStringLower(RandomBytes(options, 6)));
        try
        {
            Directory.CreateDirectory(data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DemoException($"The data folder '{data}' cannot be created ({e.Message}); give another with --data.", e);
        }

        var ports = PickPorts(options, NetworkPlan.Nodes.Count);
        var started = new DemoNode?[NetworkPlan.Nodes.Count];
        try
        {
            await Task.WhenAll(NetworkPlan.Nodes.Select(async (plan, i) =>
                started[i] = await StartNodeWithRetryAsync(plan, ports[i], Path.Combine(data, plan.Name), options, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(started.OfType<DemoNode>().Select(node => node.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }

        var nodes = started.Select(n => n!).ToList();
        foreach (var node in nodes)
        {
            report?.Invoke(new DemoStep("", DemoStepKind.Network, null, $"node {node.Name} ({node.Description}) at {node.BaseUrl}{(node.ProcessId is { } pid ? $" (process {pid})" : "")}: {string.Join(", ", node.Parties.Select(p => p.Name))}", new Dictionary<string, object?>
            {
                ["node"] = node.Name,
                ["url"] = node.BaseUrl,
                ["data"] = node.DataDirectory,
                ["pid"] = node.ProcessId,
                ["organisations"] = node.Parties.Select(p => p.Did).ToList(),
            }));
        }

        return new DemoNetwork(data, owns, nodes, options);
    }

    // The customs single window is set up once per network (the first run), through the nodes' customs API.
    private int _customs;

    internal async Task CustomsSetUpAsync(DemoHttp http, Action<DemoStep> report, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _customs, 1) == 0)
        {
            await DemoCustoms.SetUpAsync(this, http, report, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Every node stopped at once: each gets its grace period side by side (one after the other, twelve nodes slowed
        // by a loaded machine took more than a minute to stop after Ctrl-C).
        await Task.WhenAll(Nodes.Select(node => node.DisposeAsync().AsTask())).ConfigureAwait(false);

        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temporary folder stays; nothing depends on it.
            }
        }
    }

    // A port the demo picked itself can be taken between the probe and the bind: pick another (three times).
    private static async Task<DemoNode> StartNodeWithRetryAsync(NodePlan plan, int port, string data, DemoOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartNodeAsync(plan, port, data, options, cancellationToken).ConfigureAwait(false);
            }
            catch (DemoException e) when (options.PortBase is null && attempt < 3 && e.InnerException is IOException)
            {
                port = PickPorts(options, 1)[0];
            }
        }
    }

    private static async Task<DemoNode> StartNodeAsync(NodePlan plan, int port, string data, DemoOptions options, CancellationToken cancellationToken)
    {
        var nodeOptions = new NodeOptions
        {
            PublicUrl = new Uri($"http://localhost:{port}"),
            DataDirectory = data,
            LoopbackDidWebHosts = ["localhost"],
            Operability = new OperabilityOptions { RequestLogging = false },
        };
        if (options.NodeProcessCommand is { Count: > 0 } command)
        {
            return await StartNodeProcessAsync(plan, port, nodeOptions, command, options, cancellationToken).ConfigureAwait(false);
        }

        WebApplication app;
        try
        {
            Directory.CreateDirectory(data);
            app = await TradeproofNode.BuildAsync(nodeOptions, $"http://127.0.0.1:{port}", QuietLogs, options.Time, options.Random, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DemoException($"The node {plan.Name} cannot use its data folder '{data}' ({e.Message}); give another with --data.", e);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new DemoException($"Port {port} (node {plan.Name}) is in use: stop what listens there or choose another --port-base.", e);
        }

        var node = new DemoNode(plan.Name, plan.Description, port, data, app);
        await AddPartiesAsync(node, plan, cancellationToken).ConfigureAwait(false);
        return node;
    }

    // The organisations of the node and their OAuth clients, through the node's store as its operator would.
    private static async Task AddPartiesAsync(DemoNode node, NodePlan plan, CancellationToken cancellationToken)
    {
        var admin = node.Administration;
        foreach (var p in plan.Parties)
        {
            if (await node.Store.Tenants.GetAsync(p.TenantId, cancellationToken).ConfigureAwait(false) is null)
            {
                _ = await admin.AddTenantAsync(p.TenantId, p.Name, publicVerification: false, cancellationToken).ConfigureAwait(false);
            }

            var party = new DemoParty(node, p.TenantId, p.Name, p.Country, p.Role);
            var client = await admin.AddClientAsync(p.TenantId, [.. Scopes.All], cancellationToken).ConfigureAwait(false);
            party.ClientId = client.ClientId;
            party.ClientSecret = client.ClientSecret;
            node.Parties.Add(party);
        }
    }

    // A node as its own `tradeproof serve` process: the demo writes its configuration file (public URL, data folder,
    // did:web loopback allowlist, no request log), opens its store as the operator (tenants, OAuth clients), then starts
    // the child, which listens on the port with the same store. The demo keeps its store connection for the clients it
    // registers later (SQLite serves both processes).
    private static async Task<DemoNode> StartNodeProcessAsync(NodePlan plan, int port, NodeOptions nodeOptions, IReadOnlyList<string> command, DemoOptions options, CancellationToken cancellationToken)
    {
        var data = nodeOptions.DataDirectory;
        var config = Path.Combine(data, "node.json");
        ITradeproofStore store;
        try
        {
            Directory.CreateDirectory(data);
            await File.WriteAllTextAsync(config, new JsonObject
            {
                ["Node"] = new JsonObject
                {
                    ["PublicUrl"] = nodeOptions.PublicUrl.ToString(),
                    ["DataDirectory"] = data,
                    ["LoopbackDidWebHosts"] = new JsonArray("localhost"),
                    ["Logging"] = new JsonObject { ["Requests"] = false },
                },
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
            store = await NodeStoreFactory.OpenAsync(nodeOptions, options.Time, options.Random, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DemoException($"The node {plan.Name} cannot use its data folder '{data}' ({e.Message}); give another with --data.", e);
        }

        var node = new DemoNode(plan.Name, plan.Description, port, data, new NodeIdentity(nodeOptions.PublicUrl), store, options.Random);
        try
        {
            await AddPartiesAsync(node, plan, cancellationToken).ConfigureAwait(false);
            node.Attach(await DemoNodeProcess.StartAsync(plan.Name, command, config, $"http://127.0.0.1:{port}", Path.Combine(data, "node.log"), cancellationToken).ConfigureAwait(false));
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The transcript is the demo's output: no request log lines (RequestLogging off), and a refused request (a 4xx
    // problem the demo provokes on purpose) is not an error worth a line; the nodes still log their own 500s.
    // Delivery retries of the customs outbox are the outbox's business (GET /customs/messages shows them): errors only.
    // Likewise witnessing: while the two customs nodes add each other as partners, the first push can reach a node that
    // does not know the sender yet (refused, retried with backoff; GET /log/partners shows it): errors only.
    private static void QuietLogs(WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
        builder.Logging.AddFilter("Tradeproof.Customs", LogLevel.Error);
        builder.Logging.AddFilter("Tradeproof.Log", LogLevel.Error);
    }

    // With --port-base, consecutive ports from it (each must be free). Otherwise free ports below the system's
    // ephemeral range (32768 and up on Linux), where outgoing connections take their local ports, from a random start.
    private static int[] PickPorts(DemoOptions options, int count)
    {
        var portBase = options.PortBase;
        var ports = new int[count];
        var next = 20000 + (int)(BitConverter.ToUInt32(RandomBytes(options, 4)) % 10000);
        for (var i = 0; i < count; i++)
        {
            if (portBase is { } first)
            {
                ports[i] = first + i;
                if (ports[i] > 65535)
                {
                    throw new DemoException($"--port-base {first} leaves no room for {count} nodes (ports up to {first + count - 1}); choose a base below {65536 - count}.");
                }

                using var probe = new TcpListener(IPAddress.Loopback, ports[i]);
                try
                {
                    probe.Start();
                }
                catch (SocketException e)
                {
                    throw new DemoException($"Port {ports[i]} is in use: stop what listens there or choose another --port-base (the demo needs {count} ports from {first}).", e);
                }
                finally
                {
                    probe.Stop();
                }
            }
            else
            {
                ports[i] = NextFreePort(ref next);
            }
        }

        return ports;
    }

    private static int NextFreePort(ref int next)
    {
        for (var tries = 0; tries < 2000; tries++, next++)
        {
            if (next >= 32000)
            {
                next = 20000;
            }

            using var probe = new TcpListener(IPAddress.Loopback, next);
            try
            {
                probe.Start();
                return next++;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
            finally
            {
                probe.Stop();
            }
        }

        throw new DemoException("No free loopback port found between 20000 and 32000; give one with --port-base.");
    }

    private static byte[] RandomBytes(DemoOptions options, int count)
    {
        var bytes = new byte[count];
        options.Random.Fill(bytes);
        return bytes;
    }
}
