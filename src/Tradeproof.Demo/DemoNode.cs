using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tradeproof.Node;

namespace Tradeproof.Demo;

/// <summary>One running node of the demo: a real <see cref="TradeproofNode"/> on its own loopback port and SQLite file.</summary>
public sealed class DemoNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal DemoNode(string name, string description, int port, string dataDirectory, WebApplication app)
    {
        Name = name;
        Description = description;
        Port = port;
        DataDirectory = dataDirectory;
        _app = app;
        Services = app.Services.GetRequiredService<NodeServices>();
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
    public NodeIdentity Identity => Services.Identity;

    /// <summary>The node's services (store, engine): the demo acts as the operator of every node.</summary>
    public NodeServices Services { get; }

    /// <summary>The organisations hosted by the node.</summary>
    public List<DemoParty> Parties { get; } = [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
