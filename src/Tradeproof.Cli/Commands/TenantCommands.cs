using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof tenant add ID [--name NAME] [--public-verification]</c>: creates an organisation on the node with its
/// did:web DID and its Ed25519 and P-256 keys (sealed under the operator key); prints the DID.
/// </summary>
internal static class TenantCommands
{
    public static Command Create(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var id = new Argument<string>("ID") { Description = "The organisation id: 1 to 64 of a-z, 0-9 and inner hyphens (the last part of its DID)." };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "A display name." };
        var publicVerification = new Option<bool>("--public-verification") { Description = "Open this organisation's verify endpoints to callers without a token." };
        var add = new Command("add", "Create an organisation with its did:web DID and keys.") { id, name, publicVerification };
        store.AddTo(add);
        add.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var did = NodeStoreOptions.WithAdministration(options, (administration, identity) =>
                administration.AddTenantAsync(parse.GetValue(id)!, parse.GetValue(name), parse.GetValue(publicVerification)));
            console.Output.WriteLine(did);
            return ExitCodes.Success;
        }));
        return new Command("tenant", "Manage the organisations a node hosts.") { add };
    }
}
