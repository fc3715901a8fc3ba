using System.CommandLine;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof serve [--config FILE] [--urls URLS] [--data DIR] [--postgres CONNSTR] [--public-url URL]
/// [--certificate FILE [--certificate-key FILE]] [--allow-remote-http] [--log-format text|json]</c>: runs the node
/// (VC-API, traceability API, did:web documents, OAuth token endpoint) until stopped (Ctrl-C, SIGTERM). On Linux it
/// first restarts itself with the node's GC budget unless the operator chose one (<see cref="ServeGcBudget"/>).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var urls = new Option<string?>("--urls") { HelpName = "URLS", Description = "Where to listen, ';'-separated (default Node:Urls, else " + OperabilityOptions.DefaultUrls + "); https:// uses --certificate or a self-signed certificate made in the data folder; plain http:// only on loopback unless --allow-remote-http." };
        var certificate = new Option<string?>("--certificate") { HelpName = "FILE", Description = "The TLS certificate: PEM (key in the same file or --certificate-key) or PKCS#12 (.pfx/.p12); password from Node:Https:Password." };
        var certificateKey = new Option<string?>("--certificate-key") { HelpName = "FILE", Description = "The PEM private key of --certificate." };
        var allowRemoteHttp = new Option<bool>("--allow-remote-http") { Description = "Allow plain-HTTP listening URLs on addresses other than loopback (e.g. behind a TLS-terminating proxy)." };
        var logFormat = new Option<string?>("--log-format") { HelpName = "text|json", Description = "Console log format: single-line text (default) or one JSON object per line." };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var stopOnStdinEof = new Option<bool>("--stop-on-stdin-eof") { Description = "Stop when standard input ends (a parent process that started the node closes it, or dies): how 'demo --processes' leaves no node behind." };
        var command = new Command("serve", "Run the Tradeproof node: VC-API and traceability API over HTTPS/HTTP for the organisations in its store.") { urls, certificate, certificateKey, allowRemoteHttp, logFormat, stopOnStdinEof };
        store.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(TradeproofCli.Guard(console, () =>
        {
            if (console.OwnsProcess)
            {
                ServeGcBudget.Apply(console.Error); // first: on Linux this restarts the process with the GC budget
            }

            var options = store.Read(parse);
            var operability = options.Operability;
            operability = operability with
            {
                CertificatePath = parse.GetValue(certificate) ?? operability.CertificatePath,
                CertificateKeyPath = parse.GetValue(certificateKey) ?? operability.CertificateKeyPath,
                AllowRemoteHttp = parse.GetValue(allowRemoteHttp) || operability.AllowRemoteHttp,
                LogFormat = parse.GetValue(logFormat) is { } format ? (format == "json" ? NodeLogFormat.Json : NodeLogFormat.Text) : operability.LogFormat,
            };
            options = options with { Operability = operability };
            var listen = parse.GetValue(urls) ?? operability.Urls ?? OperabilityOptions.DefaultUrls;
            var did = new NodeIdentity(options.PublicUrl).NodeDid;
            DoctorCommand.RefuseBusyPorts(listen);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(stopOnStdinEof))
            {
                StopOnStdinEof(stop);
            }

            cancellationToken = stop.Token;
            Task.Run(() => TradeproofNode.ServeAsync(options, listen, async bound =>
            {
                foreach (var url in bound)
                {
                    await console.Output.WriteLineAsync($"tradeproof: node listening on {url}").ConfigureAwait(false);
                }

                await console.Output.WriteLineAsync($"tradeproof: node DID {did}").ConfigureAwait(false);
                await console.Output.WriteLineAsync($"tradeproof: node GC {NodeGcBudget.DescribeCurrent()}").ConfigureAwait(false);
                await console.Output.WriteLineAsync(await DashboardLinkAsync(options, bound, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                await console.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }, cancellationToken)).GetAwaiter().GetResult();
            return ExitCodes.Success;
        })));
        return command;
    }

    // Reads standard input to its end on a background thread, then stops the node (graceful, as on SIGTERM).
    private static void StopOnStdinEof(CancellationTokenSource stop)
    {
        var reader = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer) > 0)
                {
                    // Anything written is ignored: only the end matters.
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end too.
            }

            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The node stopped already.
            }
        }) { IsBackground = true, Name = "stdin-eof" };
        reader.Start();
    }

    // The dashboard's one-time sign-in link, for the first https URL bound (else the first), a wildcard host as localhost.
    private static async Task<string> DashboardLinkAsync(NodeOptions options, IReadOnlyList<string> bound, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(bound.FirstOrDefault(u => u.StartsWith("https://", StringComparison.Ordinal)) ?? bound[0]);
        if (url.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+")
        {
            url.Host = "localhost";
        }

        try
        {
            return (await OperatorLogin.CreateAsync(options, url.Uri.GetLeftPart(UriPartial.Authority), cancellationToken).ConfigureAwait(false)).ToLine();
        }
        catch (Storage.StoreException e)
        {
            return $"tradeproof: no dashboard sign-in link ({e.Message}); make one with 'tradeproof dashboard link'";
        }
    }
}
