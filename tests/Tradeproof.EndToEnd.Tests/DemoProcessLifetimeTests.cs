using System.Diagnostics;
using System.Text.Json;

namespace Tradeproof.EndToEnd.Tests;

/// <summary>
/// <c>tradeproof demo --processes</c> leaves no node process behind: when it is stopped with Ctrl-C (SIGINT), when
/// it is killed outright (SIGKILL: its children see their standard input end), and when a node cannot start.
/// </summary>
public sealed class DemoProcessLifetimeTests
{
    // What each demo process wrote to its standard error (its log), for a failure's message.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Text.StringBuilder> Errors = new();

    [Fact]
    public async Task Ctrl_c_stops_the_demo_and_every_node_it_started()
    {
        var (demo, pids) = await StartServingDemoAsync();
        using (demo)
        {
            using (var kill = Process.Start("kill", ["-INT", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await demo.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                var running = pids.Where(ProcessNetworkFixture.IsRunning).ToList();
                demo.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"the demo did not stop within 60 s of Ctrl-C; nodes still running: {running.Count} of {pids.Count}; its standard error:\n{Errors[demo.Id]}");
            }

            await AssertAllStoppedAsync(pids);
        }
    }

    [Fact]
    public async Task Killing_the_demo_outright_still_stops_every_node_it_started()
    {
        var (demo, pids) = await StartServingDemoAsync();
        using (demo)
        {
            demo.Kill(entireProcessTree: false);
            await demo.WaitForExitAsync();
            await AssertAllStoppedAsync(pids);
        }
    }

    [Fact]
    public async Task A_node_that_cannot_start_fails_the_demo_with_its_reason_and_leaves_nothing_running()
    {
        var data = Directory.CreateTempSubdirectory("tradeproof-e2e-fail-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<DemoException>(() => DemoNetwork.StartAsync(new DemoOptions
            {
                DataDirectory = data,
                NodeProcessCommand = ["dotnet", Path.Combine(data, "no-such-tradeproof.dll")],
            }));
            Assert.Contains("exited", e.Message, StringComparison.Ordinal);
            Assert.Contains("node.log", e.Message, StringComparison.Ordinal);
            Assert.Empty(ProcessesMentioning(data));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    // `tradeproof demo --processes --scenario gas --json` until its summary (the nodes keep serving): the process and the nodes' pids.
    private static async Task<(Process Demo, List<int> Pids)> StartServingDemoAsync()
    {
        var demo = TradeproofProcess.Start(["demo", "--processes", "--scenario", "gas", "--json"]);
        var errors = new System.Text.StringBuilder();
        Errors[demo.Id] = errors;
        _ = Task.Run(async () =>
        {
            while (await demo.StandardError.ReadLineAsync() is { } line)
            {
                lock (errors)
                {
                    errors.AppendLine(line);
                }
            }
        });
        var pids = new List<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            while (await demo.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (!line.StartsWith("{\"event\"", StringComparison.Ordinal))
                {
                    // Not a step: the demo failed (with --json its error is a JSON object over several lines).
                    throw new Xunit.Sdk.XunitException("the demo failed: " + line + await demo.StandardOutput.ReadToEndAsync(timeout.Token));
                }

                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.GetProperty("event").GetString() == "summary")
                {
                    Assert.True(root.GetProperty("passed").GetBoolean(), line);
                    Assert.Equal(12, pids.Distinct().Count());
                    Assert.All(pids, p => Assert.True(ProcessNetworkFixture.IsRunning(p)));
                    if (!Tradeproof.Node.NodeGcBudget.IsChosen(Environment.GetEnvironmentVariable))
                    {
                        // Every node runs with the node's GC budget (DemoNodeProcess sets it, so serve need not re-execute).
                        Assert.All(pids, p => Assert.Contains("DOTNET_GCgen0size=0x4000000", File.ReadAllText($"/proc/{p}/environ").Split('\0')));
                    }

                    _ = demo.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return (demo, pids);
                }

                if (root.GetProperty("kind").GetString() == "network" && root.TryGetProperty("details", out var d) && d.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number)
                {
                    pids.Add(pid.GetInt32());
                }
            }

            throw new Xunit.Sdk.XunitException($"the demo ended without a summary (exit {(demo.HasExited ? demo.ExitCode : -1)})");
        }
        catch
        {
            demo.Kill(entireProcessTree: true);
            demo.Dispose();
            throw;
        }
    }

    private static async Task AssertAllStoppedAsync(List<int> pids)
    {
        foreach (var pid in pids)
        {
            Assert.True(await ProcessNetworkFixture.EventuallyAsync(() => Task.FromResult(!ProcessNetworkFixture.IsRunning(pid)), TimeSpan.FromSeconds(30)), $"node process {pid} still runs");
        }
    }

    // Processes whose command line mentions the folder (the nodes' --config DATA/NODE/node.json).
    private static List<int> ProcessesMentioning(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(folder, StringComparison.Ordinal) && ProcessNetworkFixture.IsRunning(pid))
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone or not ours.
                }
            }
        }

        return found;
    }
}
