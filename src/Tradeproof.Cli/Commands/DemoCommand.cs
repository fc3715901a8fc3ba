using System.CommandLine;
using Tradeproof.Demo;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof demo [--scenario NAME]... [--data DIR] [--port-base N] [--json] [--no-serve] [--processes]</c>: starts a
/// network of nodes on localhost (in this process, or one <c>tradeproof serve</c> child process each), runs the five test areas and the 2025 phases over real HTTP, prints each step and a summary,
/// then keeps the nodes running with the dashboard's URL until Ctrl-C (or exits with <c>--no-serve</c>: 0 when every
/// scenario behaved as expected, 1 otherwise).
/// </summary>
internal static class DemoCommand
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var scenario = new Option<string[]>("--scenario")
        {
            HelpName = "NAME",
            Description = $"Run only this scenario (repeatable): {string.Join(", ", DemoScenario.All.Select(s => s.Name))}, or {DemoNetwork.AllScenarios} (default).",
            AllowMultipleArgumentsPerToken = false,
        };
        var data = new Option<string?>("--data") { HelpName = "DIR", Description = "The folder for the nodes' stores (one sub-folder per node; default: a fresh temporary folder, deleted at the end)." };
        var portBase = new Option<int?>("--port-base") { HelpName = "N", Description = $"The first loopback port; the {NetworkPlanCount} nodes take consecutive ports (default: free ports)." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object per step and a summary object (JSON lines) instead of the transcript." };
        var noServe = new Option<bool>("--no-serve") { Description = "Exit when the scenarios are done: 0 when every scenario behaved as expected, 1 otherwise." };
        var processes = new Option<bool>("--processes") { Description = "Run each node as its own 'tradeproof serve' process (own store, configuration file and log in its data folder), stopped with the demo." };
        var command = new Command("demo", "Start a network of Tradeproof nodes on localhost and run the five CBP test areas and the 2025 phases end to end over HTTP.")
        {
            scenario, data, portBase, json, noServe, processes,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(TradeproofCli.Guard(console, () =>
        {
            var port = parse.GetValue(portBase);
            if (port is < 1 or > 65535)
            {
                throw new CliInputException($"--port-base {port} is not a port (1 to 65535).");
            }

            var options = new DemoOptions
            {
                DataDirectory = parse.GetValue(data) is { } dir ? Path.GetFullPath(dir) : null,
                PortBase = port,
                Scenarios = parse.GetValue(scenario) ?? [],
                NodeProcessCommand = parse.GetValue(processes) ? TradeproofCommand() : null,
            };
            var transcript = new DemoTranscript(console.Output, parse.GetValue(json));
            return Task.Run(() => RunAsync(console, options, transcript, parse.GetValue(noServe), cancellationToken), CancellationToken.None).GetAwaiter().GetResult();
        })));
        return [command];
    }

    private static int NetworkPlanCount => 12;

    // How this very command is run again: the apphost itself, or `dotnet tradeproof.dll` under the dotnet host.
    private static string[] TradeproofCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [host, Path.Combine(AppContext.BaseDirectory, "tradeproof.dll")]
            : [host];
    }

    private static async Task<int> RunAsync(CliConsole console, DemoOptions options, DemoTranscript transcript, bool noServe, CancellationToken cancellationToken)
    {
        var (network, report) = await DemoRunner.StartAndRunAsync(options, transcript.Write, cancellationToken).ConfigureAwait(false);
        await using (network.ConfigureAwait(false))
        {
            transcript.WriteSummary(report, network.DashboardUrl);
            var code = report.AllPassed ? ExitCodes.Success : ExitCodes.InvalidInput;
            if (noServe)
            {
                return code;
            }

            await console.Error.WriteLineAsync($"tradeproof: demo network running; dashboard at {network.DashboardUrl} (data in {network.DataDirectory}); Ctrl-C to stop").ConfigureAwait(false);
            var link = await Tradeproof.Node.OperatorLogin.CreateAsync(network.Node("cbp").Store, TimeProvider.System, Tradeproof.Cryptography.SystemRandomSource.Instance, network.DashboardUrl, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync(link.ToLine()).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop the nodes.
            }

            return code;
        }
    }
}
