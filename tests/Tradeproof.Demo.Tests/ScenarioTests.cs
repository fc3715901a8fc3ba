namespace Tradeproof.Demo.Tests;

/// <summary>
/// Each scenario of <c>tradeproof demo</c> run in-process on one network of real nodes (loopback HTTP between them):
/// the outcomes are asserted (expectations met, presentations accepted or refused with the right status, rule
/// decisions), not the transcript's wording.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ScenarioTests(DemoNetworkFixture fixture)
{
    private async Task<(ScenarioOutcome Outcome, List<DemoStep> Steps)> RunAsync(string name)
    {
        var steps = new List<DemoStep>();
        var outcomes = await DemoRunner.RunAsync(fixture.Network, DemoRunner.Select([name]), steps.Add);
        var outcome = Assert.Single(outcomes);
        var missed = steps.Where(s => s.Kind == DemoStepKind.Expectation && s.Met != true).Select(s => s.Text).ToList();
        Assert.True(outcome.Passed, $"{name}: {outcome.Error} missed: {string.Join(" | ", missed)}");
        Assert.Equal(0, outcome.Missed);
        return (outcome, steps);
    }

    private static List<int> PresentationStatuses(List<DemoStep> steps) =>
        [.. steps.Where(s => s.Kind == DemoStepKind.Verified && s.Details is not null && s.Details.ContainsKey("status")).Select(s => (int)s.Details!["status"]!)];

    private static List<string?> Decisions(List<DemoStep> steps) =>
        [.. steps.Where(s => s.Kind == DemoStepKind.Rules && s.Details is not null && s.Details.ContainsKey("decision")).Select(s => s.Details!["decision"] as string)];

    [Fact]
    public async Task Steel_entry_is_admissible_and_the_forged_report_and_broken_chain_are_rejected()
    {
        var (outcome, steps) = await RunAsync("steel");
        Assert.Equal(9, outcome.Met);
        Assert.Equal([202, 202, 422, 202], PresentationStatuses(steps));
        Assert.Equal(["admissible", "not admissible"], Decisions(steps));
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Issued && (string?)s.Details!["suite"] == "ecdsa-rdfc-2019");

        // CBP's node stored the coil's twin from the accepted filings; after the phantom hand-over it carries the issue.
        var coil = steps.Where(s => s.Kind == DemoStepKind.Twin && s.Details!.TryGetValue("twin", out var id) && (string?)id == "COIL-24-5521-01").ToList();
        Assert.Equal(2, coil.Count);
        Assert.Contains("TWIN-CUSTODY-CHAIN-BROKEN", (List<string>)coil[1].Details!["issues"]!);
    }

    [Fact]
    public async Task Pipeline_oil_balances_through_resales_and_the_oversell_is_caught()
    {
        var (outcome, steps) = await RunAsync("oil");
        Assert.True(outcome.Met >= 6);
        Assert.All(PresentationStatuses(steps), s => Assert.Equal(202, s));
        Assert.Equal("not admissible", Decisions(steps)[^1]);
    }

    [Fact]
    public async Task Natural_gas_from_canada_is_admissible_and_a_prohibited_origin_is_refused()
    {
        var (_, steps) = await RunAsync("gas");
        Assert.Equal(["admissible", "not admissible"], Decisions(steps));
    }

    [Fact]
    public async Task Food_reaches_fda_and_the_warm_container_is_flagged()
    {
        var (_, steps) = await RunAsync("food");
        Assert.Equal(["admissible", "not admissible"], Decisions(steps));
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Twin && s.Details!.TryGetValue("issues", out var issues) && issues is List<string> { Count: > 0 });
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Twin && s.Details!.TryGetValue("twins", out var twins) && twins is List<string> list && list.Contains("TOM-2026-0601-A"));
    }

    [Fact]
    public async Task The_de_minimis_batch_admits_the_licensed_packages_and_refuses_two()
    {
        var (_, steps) = await RunAsync("ecommerce");
        var batch = steps.Single(s => s.Kind == DemoStepKind.Rules && s.Details!.ContainsKey("admissible"));
        Assert.Equal(ECommerceScenario.BatchSize, ((List<string>)batch.Details!["admissible"]!).Count);
        Assert.Equal(2, ((Dictionary<string, string>)batch.Details["refused"]!).Count);
    }

    [Fact]
    public async Task The_2025_phases_recognise_partner_certificates_exchange_g2g_and_match_export_and_import()
    {
        var (outcome, steps) = await RunAsync("phases2025");
        Assert.True(outcome.Met >= 6);
        Assert.Equal([202], PresentationStatuses(steps));
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Customs && s.Details!.TryGetValue("recognised", out var r) && r is false);
    }
}
