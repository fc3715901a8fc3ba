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
    public async Task Steel_entry_is_admissible_and_the_forged_report_untrusted_carrier_and_broken_chain_are_rejected()
    {
        var (outcome, steps) = await RunAsync("steel");
        Assert.Equal(10, outcome.Met);
        var statuses = PresentationStatuses(steps);
        Assert.Equal(5, statuses.Count);
        Assert.Equal([202, 202, 422], statuses[..3]);
        Assert.Contains(statuses[3], new[] { 422, 202 }); // refused at verification by the trust registry, or accepted and rejected
        Assert.Equal(202, statuses[4]);
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
    public async Task Natural_gas_from_canada_is_admissible_and_a_prohibited_origin_is_refused_and_the_customs_logs_are_cross_witnessed()
    {
        var (_, steps) = await RunAsync("gas");
        Assert.Equal(["admissible", "not admissible"], Decisions(steps));

        // After the scenarios: CBP's and ANAM's checkpoints each carry the other node's verified cosignature.
        var cosigned = steps.Where(s => s.Kind == DemoStepKind.Log && s.Details is { } d && d.ContainsKey("cosignedBy")).ToList();
        Assert.Equal(["cbp", "mx-customs"], cosigned.Select(s => (string?)s.Details!["node"]));
        Assert.All(cosigned, s => Assert.EndsWith("/witness", (string?)s.Details!["cosignedBy"], StringComparison.Ordinal));
        Assert.All(cosigned, s => Assert.StartsWith("\u2014 ", (string?)s.Details!["cosignature"], StringComparison.Ordinal));
        Assert.NotEqual(cosigned[0].Details!["cosignedBy"], cosigned[1].Details!["cosignedBy"]); // each witnessed by the other
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
        Assert.True(outcome.Met >= 8);
        Assert.Equal([202, 422, 202], PresentationStatuses(steps)); // the entry with its CTPAT, the same CTPAT once revoked, the scrap entry

        // The export declaration goes over the G2G exchange (ANAM's outbox), not the demo's own presentation: sent and accepted.
        var sent = Assert.Single(steps, s => s.Kind == DemoStepKind.Presented && s.Details is { } d && d.ContainsKey("exchange"));
        var accepted = Assert.Single(steps, s => s.Kind == DemoStepKind.Verified && s.Details is { } d && d.ContainsKey("exchange"));
        Assert.Equal(sent.Details!["presentation"], accepted.Details!["presentation"]);
        Assert.Equal("valid", accepted.Details["outcome"]);
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Expectation && s.Met == true && s.Text.Contains("G2G exchange", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Customs && s.Details is { } d && d.TryGetValue("revoked", out var r) && r is true);
        Assert.Contains(steps, s => s.Kind == DemoStepKind.Customs && s.Details is { } d && d.TryGetValue("recognised", out var r) && r is false);
    }
}
