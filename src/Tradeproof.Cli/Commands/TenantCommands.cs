using System.CommandLine;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof tenant add ID [--name NAME] [--public-verification]</c>: creates an organisation on the node with its
/// did:web DID and its Ed25519, P-256 and P-384 keys (sealed under the operator key); prints the DID.
/// <c>tradeproof tenant key add ID --type ed25519|p256|p384 [--did-key]</c>: adds a key to its did:web, or a did:key
/// issuer identity. <c>tradeproof tenant set ID --public-verification on|off</c>: opens or closes its verify endpoints.
/// </summary>
internal static class TenantCommands
{
    public static Command Create(CliConsole console) => new("tenant", "Manage the organisations a node hosts.")
    {
        Add(console), KeyCommand(console), Set(console),
    };

    private static Argument<string> IdArgument() =>
        new("ID") { Description = "The organisation id: 1 to 64 of a-z, 0-9 and inner hyphens (the last part of its DID)." };

    private static Command Add(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var id = IdArgument();
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "A display name." };
        var publicVerification = new Option<bool>("--public-verification") { Description = "Open this organisation's verify endpoints to callers without a token." };
        var json = new Option<bool>("--json") { Description = "Print {id, did} as JSON instead of the DID alone." };
        var add = new Command("add", "Create an organisation with its did:web DID and Ed25519, P-256 and P-384 keys.") { id, name, publicVerification, json };
        store.AddTo(add);
        add.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var did = NodeStoreOptions.WithAdministration(options, (administration, identity) =>
                administration.AddTenantAsync(parse.GetValue(id)!, parse.GetValue(name), parse.GetValue(publicVerification)));
            console.Output.WriteLine(parse.GetValue(json) ? CommandOutput.Json(w =>
            {
                w.WriteString("id", parse.GetValue(id));
                w.WriteString("did", did);
            }) : did);
            return ExitCodes.Success;
        }));
        return add;
    }

    private static Command KeyCommand(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var id = IdArgument();
        var type = new Option<string>("--type") { HelpName = "TYPE", Description = "The key type: ed25519, p256 or p384.", Required = true };
        type.AcceptOnlyFromAmong("ed25519", "p256", "p384");
        var didKey = new Option<bool>("--did-key") { Description = "Make it a new did:key issuer identity of the organisation (default: the next #key-N of its did:web)." };
        var add = new Command("add", "Add a signing key to an organisation; prints {id, did, type} as JSON.") { id, type, didKey };
        store.AddTo(add);
        add.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            _ = TenantKeys.TryParseType(parse.GetValue(type), out var keyType);
            var key = NodeStoreOptions.WithAdministration(options, (administration, _) =>
                administration.AddKeyAsync(parse.GetValue(id)!, keyType, parse.GetValue(didKey)));
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("id", key.KeyId);
                w.WriteString("did", key.Did);
                w.WriteString("type", TenantKeys.AlgorithmName(key.Type));
            }));
            return ExitCodes.Success;
        }));
        return new Command("key", "Manage an organisation's signing keys and issuer identities.") { add };
    }

    private static Command Set(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var id = IdArgument();
        var publicVerification = new Option<string>("--public-verification") { HelpName = "on|off", Description = "Open (on) or close (off) the verify endpoints to callers without a token.", Required = true };
        publicVerification.AcceptOnlyFromAmong("on", "off");
        var set = new Command("set", "Change an organisation's settings.") { id, publicVerification };
        store.AddTo(set);
        set.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var tenant = NodeStoreOptions.WithAdministration(options, (administration, _) =>
                administration.SetPublicVerificationAsync(parse.GetValue(id)!, parse.GetValue(publicVerification) == "on"));
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("id", tenant.Id);
                w.WriteBoolean("publicVerification", tenant.PublicVerification);
            }));
            return ExitCodes.Success;
        }));
        return set;
    }
}
