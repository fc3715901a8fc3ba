using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tradeproof.Node.Tests;

/// <summary>
/// End to end, on Linux: a real <c>tradeproof serve</c> re-executes itself with <c>DOTNET_GCgen0size=0x4000000</c>
/// in place (same process id, no child), and keeps a budget the operator set (ServeGcBudget, NodeGcBudget).
/// </summary>
public sealed class ServeGcBudgetProcessTests
{
    [Theory]
    [InlineData(null, null, "DOTNET_GCgen0size=0x4000000", "workstation GC, gen0 budget 64 MiB (DOTNET_GCgen0size=0x4000000)")]
    [InlineData("DOTNET_GCgen0size", "0x2000000", "DOTNET_GCgen0size=0x2000000", "workstation GC, gen0 budget 32 MiB (DOTNET_GCgen0size=0x2000000)")]
    [InlineData("COMPlus_GCgen0size", "0", "COMPlus_GCgen0size=0", "workstation GC, the runtime's default gen0 budget (COMPlus_GCgen0size=0)")]
    public async Task Serve_runs_with_the_gc_budget_in_its_own_process(string? name, string? value, string expectedVariable, string expectedLine)
    {
        var data = Directory.CreateTempSubdirectory("tradeproof-gc-").FullName;
        using var node = Start(name is null ? null : $"{name}={value}", data);
        try
        {
            var (url, gcLine) = await StartUpAsync(node);
            Assert.Equal("tradeproof: node GC " + expectedLine, gcLine);

            // The process started is the node itself: its environment carries the budget, it runs serve, it has no child.
            var environment = File.ReadAllText($"/proc/{node.Id}/environ").Split('\0');
            Assert.Contains(expectedVariable, environment);
            Assert.Single(environment, v => v.StartsWith("DOTNET_GCgen0size=", StringComparison.Ordinal) || v.StartsWith("COMPlus_GCgen0size=", StringComparison.Ordinal));
            Assert.Contains("\0serve\0", File.ReadAllText($"/proc/{node.Id}/cmdline"), StringComparison.Ordinal);
            Assert.Empty(ChildrenOf(node.Id));

            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            // The runtime's diagnostics port (dotnet-counters, dotnet-trace, dotnet-dump) listens in the node's image: one
            // socket for its process id, accepting (a file left by the image before execve would refuse).
            var socket = Assert.Single(Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{node.Id}-*-socket"));
            using var diagnostics = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await diagnostics.ConnectAsync(new UnixDomainSocketEndPoint(socket));
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    // `env --default-signal -u ... [NAME=VALUE] dotnet tradeproof.dll serve`: the test's own GC variables removed, so
    // the default case does not depend on the test runner's environment; env execs, so the process id stays.
    private static Process Start(string? variable, string data)
    {
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        string[] arguments =
        [
            "--default-signal", "-u", NodeGcBudget.Variable, "-u", NodeGcBudget.LegacyVariable,
            .. variable is null ? Array.Empty<string>() : [variable],
            "dotnet", TradeproofProcess.Dll, "serve", "--data", data, "--urls", "http://127.0.0.1:0",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("env did not start.");
    }

    // The listening URL and the GC line from serve's start-up lines.
    private static async Task<(string Url, string GcLine)> StartUpAsync(Process node)
    {
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? url = null;
        while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("tradeproof: node listening on ", StringComparison.Ordinal))
            {
                url ??= line["tradeproof: node listening on ".Length..];
            }
            else if (line.StartsWith("tradeproof: node GC ", StringComparison.Ordinal))
            {
                _ = node.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return (url ?? throw new InvalidOperationException("no listening line before the GC line"), line);
            }
        }

        throw new InvalidOperationException("serve exited before its start-up lines: " + await errors);
    }

    // Processes whose parent is pid (proc(5): field 4 of /proc/PID/stat, after the parenthesised command name).
    private static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    children.Add(int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not a process, or gone.
            }
        }

        return children;
    }
}
