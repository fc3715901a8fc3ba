using System.Text.Json;

namespace Tradeproof.Demo.Tests;

/// <summary>The real <c>tradeproof demo --no-serve --json</c> process (tests/Tradeproof.Testing's runner), every scenario, end to end.</summary>
public sealed class DemoProcessTests
{
    [Fact]
    public async Task Tradeproof_demo_no_serve_runs_every_scenario_and_exits_zero()
    {
        var result = await TradeproofProcess.RunAsync(["demo", "--no-serve", "--json"], timeout: TimeSpan.FromMinutes(5));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}\n{string.Join('\n', lines.TakeLast(20))}");
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
        var result = await TradeproofProcess.RunAsync(["demo", "--no-serve", "--scenario", "nope"], timeout: TimeSpan.FromMinutes(2));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("tradeproof: error: There is no scenario 'nope'", result.Error, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
    }
}
