namespace Tradeproof.Demo.Tests;

public sealed class DemoErrorTests
{
    [Fact]
    public void An_unknown_scenario_is_a_one_line_error_naming_the_known_ones()
    {
        var e = Assert.Throws<DemoException>(() => DemoRunner.Select(["stell"]));
        Assert.Contains("'stell'", e.Message, StringComparison.Ordinal);
        Assert.Contains("steel", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void All_selects_every_scenario_once()
    {
        Assert.Equal(DemoScenario.All, DemoRunner.Select(["all"]));
        Assert.Equal(DemoScenario.All, DemoRunner.Select([]));
        Assert.Equal(["gas", "steel"], DemoRunner.Select(["gas", "STEEL", "gas"]).Select(s => s.Name));
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error_and_nothing_is_left_running()
    {
        using var taken = FreePort.Occupied(out var port);
        var e = await Assert.ThrowsAsync<DemoException>(() => DemoNetwork.StartAsync(new DemoOptions { PortBase = port }));
        Assert.Contains($"Port {port} is in use", e.Message, StringComparison.Ordinal);
        Assert.Contains("--port-base", e.Message, StringComparison.Ordinal);
    }
}
