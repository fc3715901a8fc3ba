using System.CommandLine;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof serve [--config FILE] [--urls URLS] [--data DIR] [--postgres CONNSTR] [--public-url URL]</c>: runs the
/// node (VC-API, traceability API, did:web documents, OAuth token endpoint) until stopped (Ctrl-C, SIGTERM).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var urls = new Option<string?>("--urls") { HelpName = "URLS", Description = "Where to listen, ';'-separated (default http://localhost:5080; use https://... with Kestrel certificate settings for TLS)." };
        var command = new Command("serve", "Run the Tradeproof node: VC-API and traceability API over HTTP for the organisations in its store.") { urls };
        store.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var listen = parse.GetValue(urls) ?? "http://localhost:5080";
            var did = new NodeIdentity(options.PublicUrl).NodeDid;
            Task.Run(() => TradeproofNode.ServeAsync(options, listen, async bound =>
            {
                foreach (var url in bound)
                {
                    await console.Output.WriteLineAsync($"tradeproof: node listening on {url}").ConfigureAwait(false);
                }

                await console.Output.WriteLineAsync($"tradeproof: node DID {did}").ConfigureAwait(false);
                await console.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }, cancellationToken)).GetAwaiter().GetResult();
            return ExitCodes.Success;
        })));
        return command;
    }
}
