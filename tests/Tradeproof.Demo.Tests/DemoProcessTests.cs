using System.Diagnostics;
using System.Text.Json;

namespace Tradeproof.Demo.Tests;

/// <summary>The real <c>tradeproof demo --no-serve --json</c> process, every scenario, end to end.</summary>
public sealed class DemoProcessTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "tradeproof.dll");

    [Fact]
    public async Task Tradeproof_demo_no_serve_runs_every_scenario_and_exits_zero()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Cli, "demo", "--no-serve", "--json" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource())
        {
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}\n{string.Join('\n', lines.TakeLast(20))}");
        using var summary = JsonDocument.Parse(lines[^1]);
        Assert.Equal("summary", summary.RootElement.GetProperty("event").GetString());
        Assert.True(summary.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(6, summary.RootElement.GetProperty("scenarios").GetArrayLength());
        Assert.EndsWith("/", summary.RootElement.GetProperty("dashboard").GetString(), StringComparison.Ordinal);
        Assert.All(lines[..^1], l => Assert.Equal("step", JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task An_unknown_scenario_exits_one_with_one_line()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Cli, "demo", "--no-serve", "--scenario", "nope" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith("tradeproof: error: There is no scenario 'nope'", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
