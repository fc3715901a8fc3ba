using System.CommandLine;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof client add --tenant ID --scopes S...</c>: registers an OAuth 2.0 client (client credentials grant) for
/// an organisation and prints its id and secret as JSON. The secret is shown once: the node keeps only its hash.
/// </summary>
internal static class ClientCommands
{
    public static Command Create(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var tenant = new Option<string>("--tenant") { HelpName = "ID", Description = "The organisation the client acts for.", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            HelpName = "SCOPE",
            Description = "The scopes it may request (space- or comma-separated, or repeated): " + string.Join(' ', Scopes.All.Order(StringComparer.Ordinal)) + ".",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var add = new Command("add", "Register an OAuth client for an organisation; prints client_id and client_secret (shown once).") { tenant, scopes };
        store.AddTo(add);
        add.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var requested = (parse.GetValue(scopes) ?? []).SelectMany(s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();
            var registration = NodeStoreOptions.WithAdministration(options, (administration, _) => administration.AddClientAsync(parse.GetValue(tenant)!, requested));
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("client_id", registration.ClientId);
                w.WriteString("client_secret", registration.ClientSecret);
                w.WriteString("scope", string.Join(' ', registration.Scopes));
            }));
            return ExitCodes.Success;
        }));
        return new Command("client", "Manage the OAuth clients of a node's organisations.") { add };
    }
}
