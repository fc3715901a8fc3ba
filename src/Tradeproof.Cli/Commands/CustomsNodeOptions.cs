using System.CommandLine;
using System.Text.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The options of a verb that talks to a customs tenant's node (<c>registry</c>, <c>outbox</c>): <c>--node URL</c>,
/// <c>--tenant T</c>, <c>--token</c> or <c>--client</c> with <c>--client-secret</c>/<c>TRADEPROOF_CLIENT_SECRET</c>,
/// <c>--allow-network</c> (loopback only without it) and <c>--json</c>.
/// </summary>
internal sealed class CustomsNodeOptions(string jsonDescription)
{
    public Option<string> Node { get; } = new("--node") { HelpName = "URL", Description = "The customs node's base URL (e.g. http://127.0.0.1:5080).", Required = true };

    public Option<string> Tenant { get; } = new("--tenant") { Description = "The organisation (tenant id) on the node.", Required = true };

    public Option<string> Token { get; } = new("--token") { Description = "An access token (read:customs to read, manage:customs to change)." };

    public Option<string> Client { get; } = new("--client") { Description = "An OAuth client id; its secret from --client-secret or TRADEPROOF_CLIENT_SECRET." };

    public Option<string> Secret { get; } = new("--client-secret") { Description = "With --client: the client secret (prefer the TRADEPROOF_CLIENT_SECRET environment variable)." };

    public Option<bool> AllowNetwork { get; } = new("--allow-network") { Description = "Allow a node that is not on a loopback address." };

    public Option<bool> Json { get; } = new("--json") { Description = jsonDescription };

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { Node, Tenant, Token, Client, Secret, AllowNetwork, Json })
        {
            command.Add(option);
        }

        return command;
    }

    /// <summary>
    /// Sends one request to <c>/organizations/{tenant}/customs{path}</c> with a token for <paramref name="scope"/>; the
    /// answer's JSON. A problem answer is a <see cref="CliInputException"/> (exit 1); an unreachable node or a timeout is
    /// not caught here: CliErrors makes it exit 69 (unavailable), like every remote verb.
    /// </summary>
    public JsonDocument Send(ParseResult parse, HttpMethod method, string path, string scope, byte[]? body)
    {
        using var api = NodeApiClient.Create(parse.GetValue(Node)!, parse.GetValue(Token), parse.GetValue(AllowNetwork));
        api.EnsureTokenAsync(parse.GetValue(Client), parse.GetValue(Secret) ?? Environment.GetEnvironmentVariable("TRADEPROOF_CLIENT_SECRET"), scope, CancellationToken.None).GetAwaiter().GetResult();
        return api.SendAsync(method, $"/organizations/{Uri.EscapeDataString(parse.GetValue(Tenant)!)}/customs{path}", body, CancellationToken.None).GetAwaiter().GetResult();
    }
}
