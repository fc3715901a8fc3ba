using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Customs.Registry;
using Tradeproof.Dids;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof registry</c>: a customs authority's signed trust registry (issue #8). Over HTTP against the node that
/// keeps it (<c>--node URL --tenant T</c>, like <c>twin show --node</c>): <c>show</c>, <c>allow</c>, <c>deny</c>,
/// <c>mra add|remove</c>, <c>export</c>, <c>import</c>; every edit is the next version, signed by the node with the
/// tenant's key. Offline on files: <c>sign</c> (with a key file, as the registry's authority) and <c>verify</c>.
/// </summary>
internal static class RegistryCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var registry = new Command("registry", "A customs authority's trust registry: which issuer DIDs may issue which credential types (by country and role), and mutual recognition arrangements.");
        registry.Add(CreateShow(console));
        registry.Add(CreateAllow(console));
        registry.Add(CreateDeny(console));
        var mra = new Command("mra", "Mutual recognition arrangements: the partner customs' AEO/CTPAT certificates are accepted as this authority's own programme.");
        mra.Add(CreateMraAdd(console));
        mra.Add(CreateMraRemove(console));
        registry.Add(mra);
        registry.Add(CreateExport(console));
        registry.Add(CreateImport(console));
        registry.Add(CreateSign(console));
        registry.Add(CreateVerify(console));
        return [registry];
    }

    // The options of a verb that talks to the node (CustomsNodeOptions), printing the registry it answers.
    private static CustomsNodeOptions Node() => new("Write the signed registry document as JSON.");

    // Sends one request under /organizations/{tenant}/customs/registry and prints the registry it answers.
    private static int Run(CustomsNodeOptions node, CliConsole console, ParseResult parse, HttpMethod method, string path, string scope, byte[]? body, string? outFile = null)
    {
        using var answer = node.Send(parse, method, "/registry" + path, scope, body);
        var raw = CommandOutput.Indented(answer.RootElement);
        if (outFile is not null)
        {
            File.WriteAllText(outFile, raw + "\n");
        }

        var registry = TrustRegistry.Parse(Encoding.UTF8.GetBytes(raw));
        console.Output.Write(parse.GetValue(node.Json) ? raw + "\n" : Describe(registry, answer.RootElement.TryGetProperty("proof", out _) ? "signed by the node with the authority's key" : "unsigned"));
        return ExitCodes.Success;
    }

    // tradeproof registry show --node URL --tenant T [--version N] [--json]
    private static Command CreateShow(CliConsole console)
    {
        var node = Node();
        var version = new Option<long?>("--version") { HelpName = "N", Description = "An earlier version (default: the current one)." };
        var command = node.AddTo(new Command("show", "Print the trust registry kept by a customs node (its entries and arrangements, version, signature).") { version });
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var v = parse.GetValue(version);
            if (v is < 1)
            {
                throw new CliInputException("--version must be 1 or more");
            }

            return Run(node, console, parse, HttpMethod.Get, v is null ? "" : "?version=" + v.Value.ToString(CultureInfo.InvariantCulture), "read:customs", null);
        }));
        return command;
    }

    // tradeproof registry allow ISSUER --type T... [--country C...] [--role R...] [--note TEXT]
    private static Command CreateAllow(CliConsole console)
    {
        var node = Node();
        var issuer = new Argument<string>("ISSUER") { Description = "The issuer's DID." };
        var types = new Option<string[]>("--type") { HelpName = "TYPE", Description = "A credential type it may issue (repeatable; * for any).", Required = true, AllowMultipleArgumentsPerToken = true };
        var countries = new Option<string[]>("--country") { HelpName = "CC", Description = "Only when the issuer's address country is one of these (ISO 3166 alpha-2; repeatable).", AllowMultipleArgumentsPerToken = true };
        var roles = new Option<string[]>("--role") { HelpName = "ROLE", Description = "The issuer's roles (producer, carrier, ...; repeatable).", AllowMultipleArgumentsPerToken = true };
        var note = new Option<string>("--note") { Description = "Why (kept in the registry)." };
        var command = node.AddTo(new Command("allow", "Allow an issuer DID to issue credential types (a new signed version of the registry).") { issuer, types, countries, roles, note });
        command.SetAction(parse => TradeproofCli.Guard(console, () => Run(node, console, parse, HttpMethod.Post, "/allow", "manage:customs", Body(new JsonObject
        {
            ["issuer"] = parse.GetValue(issuer),
            ["credentialTypes"] = Array(parse.GetValue(types)),
            ["countries"] = parse.GetValue(countries) is { Length: > 0 } c ? Array(c) : null,
            ["roles"] = parse.GetValue(roles) is { Length: > 0 } r ? Array(r) : null,
            ["note"] = parse.GetValue(note),
        }))));
        return command;
    }

    // tradeproof registry deny ISSUER [--type T...] [--note TEXT]
    private static Command CreateDeny(CliConsole console)
    {
        var node = Node();
        var issuer = new Argument<string>("ISSUER") { Description = "The issuer's DID." };
        var types = new Option<string[]>("--type") { HelpName = "TYPE", Description = "A credential type it may no longer issue (repeatable; default * : anything).", AllowMultipleArgumentsPerToken = true };
        var note = new Option<string>("--note") { Description = "Why (kept in the registry)." };
        var command = node.AddTo(new Command("deny", "Deny an issuer DID credential types (a deny wins over any allow).") { issuer, types, note });
        command.SetAction(parse => TradeproofCli.Guard(console, () => Run(node, console, parse, HttpMethod.Post, "/deny", "manage:customs", Body(new JsonObject
        {
            ["issuer"] = parse.GetValue(issuer),
            ["credentialTypes"] = parse.GetValue(types) is { Length: > 0 } t ? Array(t) : null,
            ["note"] = parse.GetValue(note),
        }))));
        return command;
    }

    // tradeproof registry mra add PARTNER --country CC [--programme P] [--recognised-as R]
    private static Command CreateMraAdd(CliConsole console)
    {
        var node = Node();
        var partner = new Argument<string>("PARTNER") { Description = "The partner customs authority's DID." };
        var country = new Option<string>("--country") { HelpName = "CC", Description = "The partner's country (ISO 3166 alpha-2).", Required = true };
        var programme = new Option<string>("--programme") { Description = "The partner's programme (default AEO)." };
        var recognisedAs = new Option<string>("--recognised-as") { Description = "This authority's equivalent programme (default CTPAT)." };
        var command = node.AddTo(new Command("add", "Add (or replace) a mutual recognition arrangement with a partner customs authority.") { partner, country, programme, recognisedAs });
        command.SetAction(parse => TradeproofCli.Guard(console, () => Run(node, console, parse, HttpMethod.Post, "/recognise", "manage:customs", Body(new JsonObject
        {
            ["partner"] = parse.GetValue(partner),
            ["country"] = parse.GetValue(country),
            ["programme"] = parse.GetValue(programme),
            ["recognisedAs"] = parse.GetValue(recognisedAs),
        }))));
        return command;
    }

    // tradeproof registry mra remove PARTNER
    private static Command CreateMraRemove(CliConsole console)
    {
        var node = Node();
        var partner = new Argument<string>("PARTNER") { Description = "The partner customs authority's DID." };
        var command = node.AddTo(new Command("remove", "Remove the mutual recognition arrangement with a partner customs authority.") { partner });
        command.SetAction(parse => TradeproofCli.Guard(console, () => Run(node, console, parse, HttpMethod.Post, "/unrecognise", "manage:customs", Body(new JsonObject { ["partner"] = parse.GetValue(partner) }))));
        return command;
    }

    // tradeproof registry export --out FILE
    private static Command CreateExport(CliConsole console)
    {
        var node = Node();
        var output = new Option<string>("--out") { HelpName = "FILE", Description = "Where to write the signed registry document.", Required = true };
        var command = node.AddTo(new Command("export", "Write the signed registry document kept by the node to a file (for another node's import, or `registry verify`).") { output });
        command.SetAction(parse => TradeproofCli.Guard(console, () => Run(node, console, parse, HttpMethod.Get, "", "read:customs", null, parse.GetValue(output))));
        return command;
    }

    // tradeproof registry import FILE
    private static Command CreateImport(CliConsole console)
    {
        var node = Node();
        var file = new Argument<string>("FILE") { Description = "A registry document (signed or not, any authority; - for standard input): its entries and arrangements become the next version." };
        var command = node.AddTo(new Command("import", "Replace the entries and arrangements of the node's registry with a document's (the next version, signed by the node).") { file });
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var bytes = CliInput.ReadAllBytes(parse.GetValue(file), console);
            _ = TrustRegistry.Parse(bytes);
            return Run(node, console, parse, HttpMethod.Put, "", "manage:customs", bytes);
        }));
        return command;
    }

    // tradeproof registry sign FILE --key KEY [--verification-method VM] [--out FILE]
    private static Command CreateSign(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A registry document (- for standard input); any proof it carries is replaced." };
        var key = new Option<string>("--key") { HelpName = "FILE", Description = "The authority's key file (tradeproof key generate).", Required = true };
        var method = new Option<string>("--verification-method") { HelpName = "DIDURL", Description = "The key's verification method (default: #key-1 of the authority's DID, or its did:key method)." };
        var output = new Option<string>("--out") { HelpName = "FILE", Description = "Write the signed document here (default: standard output)." };
        var command = new Command("sign", "Sign a registry document as its authority (Data Integrity eddsa-jcs-2022, assertionMethod).") { file, key, method, output };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var registry = TrustRegistry.Parse(CliInput.ReadAllBytes(parse.GetValue(file), console));
            using var pair = KeyCommands.ReadKeyFile(parse.GetValue(key), console);
            var identity = SigningIdentity.For(pair.PublicKey, parse.GetValue(method), parse.GetValue(method) is null ? registry.Authority : null);
            if (identity.Did != registry.Authority)
            {
                throw new CliInputException($"the verification method {identity.VerificationMethod} is not the registry authority {registry.Authority}'s");
            }

            var signed = Encoding.UTF8.GetString(new TrustRegistrySigner(new DataIntegrityEngine(new DataIntegrityEngineOptions())).Sign(registry, pair, identity.VerificationMethod)) + "\n";
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, signed);
                console.Output.WriteLine($"signed registry version {registry.Version.ToString(CultureInfo.InvariantCulture)} of {registry.Authority} with {identity.VerificationMethod}: {path}");
            }
            else
            {
                console.Output.Write(signed);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof registry verify FILE [--allow-network] [--json]
    private static Command CreateVerify(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A signed registry document (- for standard input)." };
        var allowNetwork = new Option<bool>("--allow-network") { Description = "Resolve a did:web authority over HTTPS (did:key and did:jwk need no network)." };
        var json = new Option<bool>("--json") { Description = "Write {verified, authority, version, problems} as JSON." };
        var command = new Command("verify", "Check a registry document's proof and that its signer is the registry's authority. Exit 1 when it is not acceptable.") { file, allowNetwork, json };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var bytes = CliInput.ReadAllBytes(parse.GetValue(file), console);
            var resolver = parse.GetValue(allowNetwork) ? new DidVerificationMethodResolver(DidResolver.Create(new DidWebOptions())) : DidVerificationMethodResolver.Local;
            var check = new TrustRegistrySigner(new DataIntegrityEngine(new DataIntegrityEngineOptions())).VerifyAsync(bytes, resolver).AsTask().GetAwaiter().GetResult();
            if (parse.GetValue(json))
            {
                var result = new JsonObject
                {
                    ["verified"] = check.Verified,
                    ["authority"] = check.Registry?.Authority,
                    ["version"] = check.Registry?.Version,
                    ["problems"] = Array([.. check.Problems]),
                };
                console.Output.WriteLine(result.ToJsonString());
            }
            else
            {
                console.Output.Write(check.Verified ? Describe(check.Registry!, "proof verified: signed by its authority") : "NOT acceptable: " + string.Join("; ", check.Problems) + "\n");
            }

            return check.Verified ? ExitCodes.Success : ExitCodes.InvalidInput;
        }));
        return command;
    }

    /// <summary>The registry as text: one line for the registry, then one per entry and arrangement.</summary>
    internal static string Describe(TrustRegistry registry, string signature)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"trust registry of {registry.Authority}, version {registry.Version} ({registry.Updated.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}), {signature}\n");
        foreach (var e in registry.Entries)
        {
            text.Append(e.Effect == TrustEffect.Deny ? "deny  " : "allow ").Append(e.Issuer).Append("  ").Append(string.Join(",", e.CredentialTypes));
            if (e.Countries is { Count: > 0 })
            {
                text.Append("  countries ").Append(string.Join(",", e.Countries));
            }

            if (e.Roles is { Count: > 0 })
            {
                text.Append("  roles ").Append(string.Join(",", e.Roles));
            }

            if (e.Note is not null)
            {
                text.Append("  (").Append(e.Note).Append(')');
            }

            text.Append('\n');
        }

        foreach (var a in registry.Arrangements)
        {
            text.Append(CultureInfo.InvariantCulture, $"mra   {a.PartnerCustoms}  {a.Country}  {a.Programme} recognised as {a.RecognisedAs}\n");
        }

        return text.ToString();
    }

    private static JsonArray Array(string[]? values) => new([.. (values ?? []).Select(v => (JsonNode?)JsonValue.Create(v))]);

    // The JSON body without its null members.
    private static byte[] Body(JsonObject body)
    {
        foreach (var name in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(name);
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
