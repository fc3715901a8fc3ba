using System.CommandLine;
using Tradeproof.Dids;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof did create key|jwk|web</c> and <c>tradeproof did resolve</c>.</summary>
internal static class DidCommands
{
    public static Command Create(CliConsole console)
    {
        var did = new Command("did", "Create and resolve decentralized identifiers (did:key, did:jwk, did:web).");
        var create = new Command("create", "Create a DID for a key file and write its DID document.");
        create.Add(CreateFromKey(console, "key", "A did:key DID for the key (resolvable offline); writes its DID document.", isJwk: false));
        create.Add(CreateFromKey(console, "jwk", "A did:jwk DID for the key (resolvable offline); writes its DID document.", isJwk: true));
        create.Add(CreateWeb(console));
        did.Add(create);
        did.Add(CreateResolve(console));
        return did;
    }

    // tradeproof did create key|jwk KEYFILE
    private static Command CreateFromKey(CliConsole console, string name, string description, bool isJwk)
    {
        var file = new Argument<string>("KEYFILE") { Description = "A key file (from 'tradeproof key generate'), or - for standard input." };
        var command = new Command(name, description) { file };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            using var pair = KeyCommands.ReadKeyFile(parse.GetValue(file), console);
            var document = isJwk
                ? DidJwk.CreateDocument(DidJwk.Create(pair.PublicKey))
                : DidKey.CreateDocument(DidKey.Create(pair.PublicKey));
            console.Output.WriteLine(document.ToJson(indented: true));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof did create web DOMAIN --key FILE [--key FILE ...] [--port N] [--path SEGMENT ...] [--out FILE]
    private static Command CreateWeb(CliConsole console)
    {
        var domain = new Argument<string>("DOMAIN") { Description = "The organisation's domain name (e.g. trade.example.com)." };
        var keys = new Option<string[]>("--key")
        {
            Description = "A key file whose public key the document lists (repeat for several keys).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var port = new Option<int?>("--port") { Description = "A non-default HTTPS port, part of the DID (did:web:host%3Aport)." };
        var path = new Option<string[]>("--path") { Description = "Path segments after the domain (did:web:host:seg1:seg2), repeated in order." };
        var output = new Option<string?>("--out") { Description = "Write the did.json here and print the DID and the URL to publish it at." };
        var command = new Command("web", "A did:web DID for an organisation: writes the did.json to publish at https://DOMAIN/.well-known/did.json (or under the path).")
        {
            domain, keys, port, path, output,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            Did did;
            try
            {
                did = DidWeb.Create(parse.GetValue(domain)!, parse.GetValue(port), parse.GetValue(path) ?? []);
            }
            catch (ArgumentException)
            {
                throw new CliInputException($"'{parse.GetValue(domain)}' (with the given port and path) does not make a valid did:web DID");
            }

            var publicKeys = new List<Cryptography.PublicKey>();
            foreach (var keyPath in parse.GetValue(keys) ?? [])
            {
                using var pair = KeyCommands.ReadKeyFile(keyPath, console);
                publicKeys.Add(pair.PublicKey);
            }

            var json = DidWeb.CreateDocument(did, publicKeys).ToJson(indented: true);
            var outPath = parse.GetValue(output);
            if (outPath is null)
            {
                console.Output.WriteLine(json);
                return ExitCodes.Success;
            }

            File.WriteAllText(outPath, json + "\n");
            console.Output.WriteLine(did.ToString());
            console.Output.WriteLine(DidWeb.ToUrl(did).ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof did resolve DID [--key-format FORMAT] [--allow-loopback] [--allow-http-localhost]
    private static Command CreateResolve(CliConsole console)
    {
        var didArgument = new Argument<string>("DID") { Description = "The DID to resolve (did:key, did:jwk, did:web)." };
        var format = new Option<string?>("--key-format")
        {
            Description = "did:key public key format: Multikey (default), JsonWebKey2020, Ed25519VerificationKey2020 or Ed25519VerificationKey2018.",
        };
        var allowLoopback = new Option<bool>("--allow-loopback") { Description = "did:web: allow hosts on loopback addresses (a local test network). Off by default." };
        var allowHttp = new Option<bool>("--allow-http-localhost") { Description = "did:web: plain HTTP for the host localhost (needs --allow-loopback). Off by default." };
        var command = new Command("resolve", "Resolve a DID and write the DID resolution result (document and metadata) as JSON. Exit code 1 when resolution fails, with its error code (invalidDid, notFound, methodNotSupported, ...).")
        {
            didArgument, format, allowLoopback, allowHttp,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var resolver = DidResolver.Create(new DidWebOptions
            {
                AllowLoopback = parse.GetValue(allowLoopback),
                AllowHttpForLocalhost = parse.GetValue(allowHttp),
            });
            var result = await resolver.ResolveAsync(
                parse.GetValue(didArgument)!,
                new DidResolutionOptions { PublicKeyFormat = parse.GetValue(format) },
                cancellationToken).ConfigureAwait(false);
            await console.Output.WriteLineAsync(result.ToJson(indented: true)).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                await console.Error.WriteLineAsync(
                    $"tradeproof: error: {result.DidResolutionMetadata.Error}: {result.DidResolutionMetadata.ErrorMessage}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
