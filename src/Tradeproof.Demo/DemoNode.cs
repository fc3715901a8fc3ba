using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tradeproof.Cryptography;
using Tradeproof.Node;
using Tradeproof.Storage;

namespace Tradeproof.Demo;

/// <summary>
/// One running node of the demo on its own loopback port and SQLite file: a <see cref="TradeproofNode"/> in the demo's
/// process, or (<see cref="DemoOptions.NodeProcessCommand"/>) a <c>tradeproof serve</c> child process of its own.
/// </summary>
public sealed class DemoNode : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly NodeServices? _services;
    private DemoNodeProcess? _process;

    internal DemoNode(string name, string description, int port, string dataDirectory, WebApplication app)
    {
        Name = name;
        Description = description;
        Port = port;
        DataDirectory = dataDirectory;
        _app = app;
        _services = app.Services.GetRequiredService<NodeServices>();
        Identity = _services.Identity;
        Store = _services.Store;
        Random = _services.Random;
    }

    internal DemoNode(string name, string description, int port, string dataDirectory, NodeIdentity identity, ITradeproofStore store, IRandomSource random)
    {
        Name = name;
        Description = description;
        Port = port;
        DataDirectory = dataDirectory;
        Identity = identity;
        Store = store;
        Random = random;
    }

    /// <summary>The node's short name (e.g. <c>cbp</c>).</summary>
    public string Name { get; }

    /// <summary>Who runs it.</summary>
    public string Description { get; }

    /// <summary>Its loopback port.</summary>
    public int Port { get; }

    /// <summary>Its data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Its base URL (<c>http://localhost:PORT</c>).</summary>
    public string BaseUrl => Identity.BaseUrl;

    /// <summary>The node's names.</summary>
    public NodeIdentity Identity { get; }

    /// <summary>
    /// The node's store, as its operator holds it (tenants, OAuth clients, sign-in links): the running node's own in the
    /// demo's process; for a child process, the demo's own connection to the same SQLite file.
    /// </summary>
    public ITradeproofStore Store { get; }

    /// <summary>The child process's id, or null when the node runs in the demo's process.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The child process's log file (its standard output and error), or null in the demo's process.</summary>
    public string? LogFile => _process?.LogFile;

    /// <summary>The node's services (store, engine) when it runs in the demo's process.</summary>
    /// <exception cref="InvalidOperationException">The node is a child process (<see cref="DemoOptions.NodeProcessCommand"/>).</exception>
    public NodeServices Services => _services ?? throw new InvalidOperationException($"The node {Name} runs in its own process (pid {ProcessId}): use its HTTP API or its Store.");

    /// <summary>The organisations hosted by the node.</summary>
    public List<DemoParty> Parties { get; } = [];

    internal IRandomSource Random { get; }

    /// <summary>The child process serving the node's store (set once it listens).</summary>
    internal void Attach(DemoNodeProcess process) => _process = process;

    /// <summary>The node's administration (tenants, clients) on <see cref="Store"/>.</summary>
    internal NodeAdministration Administration => new(Store, Identity, Random);

    /// <summary>Stops the node: the in-process host, or the child (standard input closed, killed after a grace period).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            try
            {
                await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await _app.DisposeAsync().ConfigureAwait(false);
            }

            return;
        }

        try
        {
            if (_process is not null)
            {
                await _process.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
