using System.CommandLine;
using Tradeproof.Cryptography;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The options <c>serve</c>, <c>tenant</c> and <c>client</c> share to find the node's configuration and store:
/// <c>--config FILE</c>, <c>--data DIR</c>, <c>--postgres CONNSTR</c>, <c>--public-url URL</c> (command line wins over
/// <c>TRADEPROOF__NODE__...</c> environment variables, which win over the file).
/// </summary>
internal sealed class NodeStoreOptions
{
    public Option<string?> Config { get; } = new("--config") { HelpName = "FILE", Description = "A JSON configuration file (section \"Node\": PublicUrl, DataDirectory, Postgres, OperatorKey, limits)." };

    public Option<string?> Data { get; } = new("--data") { HelpName = "DIR", Description = "The data folder of the embedded SQLite store (default: ./tradeproof-data)." };

    public Option<string?> Postgres { get; } = new("--postgres") { HelpName = "CONNSTR", Description = "Use PostgreSQL with this connection string instead of SQLite (needs the operator key in configuration)." };

    public Option<string?> PublicUrl { get; } = new("--public-url") { HelpName = "URL", Description = "The URL other parties reach the node at; its host and port make the did:web DIDs (default http://localhost:5080)." };

    public void AddTo(Command command)
    {
        command.Add(Config);
        command.Add(Data);
        command.Add(Postgres);
        command.Add(PublicUrl);
    }

    public NodeOptions Read(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Node:DataDirectory"] = parse.GetValue(Data),
            ["Node:Postgres"] = parse.GetValue(Postgres),
            ["Node:PublicUrl"] = parse.GetValue(PublicUrl),
        };
        return NodeOptions.FromConfiguration(NodeConfiguration.Build(parse.GetValue(Config), overrides));
    }

    /// <summary>Opens the store and runs <paramref name="action"/> with the administration service.</summary>
    public static T WithAdministration<T>(NodeOptions options, Func<NodeAdministration, NodeIdentity, ValueTask<T>> action)
    {
        return Task.Run(async () =>
        {
            await using var store = await NodeStoreFactory.OpenAsync(options, TimeProvider.System, SystemRandomSource.Instance).ConfigureAwait(false);
            var identity = new NodeIdentity(options.PublicUrl);
            var administration = new NodeAdministration(store, identity, SystemRandomSource.Instance);
            await administration.EnsureNodeKeysAsync().ConfigureAwait(false);
            try
            {
                return await action(administration, identity).ConfigureAwait(false);
            }
            catch (ArgumentException e) when (e is not ArgumentNullException)
            {
                throw new CliInputException(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message);
            }
        }).GetAwaiter().GetResult();
    }
}
