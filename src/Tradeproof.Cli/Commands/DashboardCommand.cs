using System.CommandLine;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof dashboard link [--url URL] [--config FILE | --data DIR | --postgres CONNSTR]</c>: makes a one-time
/// sign-in link for the node's dashboard in the node's store (the running node accepts it: it works once, for 15
/// minutes) and prints it. Whoever can run this on the node's store is the operator.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var url = new Option<string?>("--url") { HelpName = "URL", Description = "Where your browser reaches the node (scheme, host and port; default: the public URL)." };
        var link = new Command("link", "Print a one-time sign-in link for the node's dashboard (works once, for 15 minutes).") { url };
        store.AddTo(link);
        link.SetAction((parse, cancellationToken) => Task.FromResult(TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var baseUrl = parse.GetValue(url) ?? options.PublicUrl.ToString();
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliInputException($"--url '{baseUrl}' is not an http:// or https:// URL.");
            }

            var made = Task.Run(() => OperatorLogin.CreateAsync(options, baseUrl, cancellationToken).AsTask(), CancellationToken.None).GetAwaiter().GetResult();
            console.Output.WriteLine(made.Url);
            console.Error.WriteLine("tradeproof: the link works once, until " + made.Expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC");
            return ExitCodes.Success;
        })));
        return new Command("dashboard", "The node's web dashboard.") { link };
    }
}
