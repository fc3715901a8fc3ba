using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tradeproof.Transparency;

namespace Tradeproof.EndToEnd.Tests;

/// <summary>
/// Issue #8 item 6: end to end across real node processes on loopback. Each of the five test areas and the 2025
/// phases ran once on the network of <c>tradeproof serve</c> processes (<see cref="ProcessNetworkFixture"/>); each
/// test checks what a customs officer would: the twin's state at CBP, the provisional messages the filer received, the
/// agency's answer, both logs' entries, and the failure twins (a forged issuer refused with its reason, a revoked
/// CTPAT refused on the next filing, an export that does not match reported with its differences, a tampered log row
/// found by <c>tradeproof log audit</c> run as a process against the stopped node's store).
/// </summary>
[Collection(ProcessNetworkCollection.Name)]
[TestCaseOrderer(LastOrderer.Name, LastOrderer.Assembly)]
public sealed class CustomsOfficerTests(ProcessNetworkFixture fixture)
{
    private DemoParty Cbp => fixture.Network.Party("cbp");

    private async Task<JsonElement> GetAsync(string tenant, string path) =>
        await fixture.Http.GetAsync(fixture.Network.Party(tenant), path) ?? throw new Xunit.Sdk.XunitException($"GET {path} at {tenant}: not found");

    private async Task<List<JsonElement>> MessagesAsync(string tenant, string query = "") =>
        [.. (await GetAsync(tenant, "/customs/messages" + query)).GetProperty("messages").EnumerateArray()];

    // Every entry of a tenant's inbox (pages of 100, following `next`).
    private async Task<List<JsonElement>> InboxAsync(string tenant)
    {
        var all = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await GetAsync(tenant, "/inbox?limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            all.AddRange(page.GetProperty("presentations").EnumerateArray());
            after = page.TryGetProperty("next", out var next) && next.ValueKind is JsonValueKind.String or JsonValueKind.Number ? next.ToString() : null;
        }
        while (after is not null);
        return all;
    }

    private static List<string> Codes(JsonElement twin) => [.. twin.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];

    // CBP's decisions in a scenario's transcript (one per filing CBP accepted).
    private List<DemoStep> Decisions(string scenario) =>
        [.. fixture.Of(scenario).Where(s => s.Kind == DemoStepKind.Customs && s.Details is { } d && d.ContainsKey("decision"))];

    private List<DemoStep> Refusals(string scenario) =>
        [.. fixture.Of(scenario).Where(s => s.Kind == DemoStepKind.Verified && ProcessNetworkFixture.Text(s, "outcome") == "refused")];

    [Fact]
    public void Every_scenario_ran_to_its_end_on_twelve_separate_node_processes()
    {
        Assert.Equal(["steel", "oil", "gas", "food", "ecommerce", "phases2025"], fixture.Outcomes.Select(o => o.Name));
        Assert.All(fixture.Outcomes, o => Assert.True(o.Passed, $"{o.Name}: {o.Error} ({o.Missed} missed: {string.Join(" | ", fixture.Of(o.Name).Where(s => s.Met == false).Select(s => s.Text))})"));
        Assert.Equal(12, fixture.ProcessIds.Values.Distinct().Count());
        Assert.DoesNotContain(Environment.ProcessId, fixture.ProcessIds.Values);
        Assert.All(fixture.ProcessIds, p => Assert.True(ProcessNetworkFixture.IsRunning(p.Value), $"{p.Key} ({p.Value}) is not running"));
        Assert.All(fixture.Network.Nodes, n => Assert.True(File.Exists(Path.Combine(n.DataDirectory, "tradeproof.db")), n.Name));
    }

    [Fact]
    public async Task Steel_the_coil_twin_at_cbp_the_forged_mill_report_refused_with_its_reason_and_the_broken_chain_on_the_twin()
    {
        var twin = await GetAsync("cbp", "/twins/COIL-24-5521-01");
        Assert.Contains("MX", twin.GetProperty("what").GetProperty("origins").EnumerateArray().Select(o => o.GetProperty("country").GetString()));
        Assert.Contains("TWIN-CUSTODY-CHAIN-BROKEN", Codes(twin));
        Assert.Equal("may-proceed", ProcessNetworkFixture.Text(Decisions("steel")[0], "decision"));

        // The forged mill test report: refused (422) with the verifier's reason, and nothing of it in CBP's inbox.
        var forged = Refusals("steel")[0];
        Assert.Equal(422, (int)forged.Details!["status"]!);
        Assert.Contains((IEnumerable<string>)forged.Details["problems"]!, p => p.Contains("Issuer is not the signer", StringComparison.Ordinal));
        Assert.Null(await fixture.Http.GetAsync(Cbp, "/inbox/" + Uri.EscapeDataString(ProcessNetworkFixture.Text(forged, "presentation")!)));
        Assert.Equal("rejected", ProcessNetworkFixture.Text(Decisions("steel")[^1], "decision"));
    }

    [Fact]
    public async Task Pipeline_oil_the_batch_twin_owned_by_the_refinery_and_doe_informed_by_cbp()
    {
        var twin = await GetAsync("cbp", "/twins/WCS-2026-07-B12");
        Assert.Equal(fixture.Network.Party("gulf-coast-refining").Did, twin.GetProperty("who").GetProperty("owner").GetProperty("id").GetString());
        Assert.Contains(Decisions("oil"), d => ((IEnumerable<string>)d.Details!["agencies"]!).Contains("DOE"));
        var referrals = await MessagesAsync("cbp", "?kind=agency-referral");
        Assert.Contains(referrals, m => m.GetProperty("recipient").GetString() == fixture.Network.Party("doe").Did && m.GetProperty("state").GetString() == "delivered");

        // DOE's own node holds the movement: its inbox has CBP's referral.
        var doeInbox = await InboxAsync("doe");
        Assert.Contains(doeInbox, p => p.GetProperty("holder").GetString() == Cbp.Did);
    }

    [Fact]
    public async Task Natural_gas_the_twin_in_bond_at_cbp_and_the_prohibited_origin_not_admissible()
    {
        var twin = await GetAsync("cbp", "/twins/GAS-2026-06-AB-7");
        Assert.Equal(fixture.Network.Party("midwest-gas").Did, twin.GetProperty("who").GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, twin.GetProperty("where").GetProperty("inBond").ValueKind);
        var rules = fixture.Of("gas").Where(s => s.Kind == DemoStepKind.Rules).Select(s => ProcessNetworkFixture.Text(s, "decision")).ToList();
        Assert.Equal(["admissible", "not admissible"], rules);
    }

    [Fact]
    public async Task Food_cbp_holds_the_entry_for_fda_and_fda_answers_cbp_from_its_own_node()
    {
        var held = Decisions("food").First(d => ProcessNetworkFixture.Text(d, "decision") == "hold-for-agency-review");
        Assert.Contains("FDA (hold)", (IEnumerable<string>)held.Details!["agencies"]!);
        var filing = await GetAsync("cbp", "/customs/filings/" + Uri.EscapeDataString(ProcessNetworkFixture.Text(held, "presentation")!));
        var fda = Assert.Single(filing.GetProperty("decision").GetProperty("agencies").EnumerateArray(), a => a.GetProperty("agency").GetString() == "FDA");
        Assert.True(fda.GetProperty("hold").GetBoolean());

        // FDA's answer (a signed PGA shipment status) went from FDA's node to CBP's and was delivered.
        var answers = await MessagesAsync("fda", "?kind=pga-status");
        Assert.Contains(answers, m => m.GetProperty("recipient").GetString() == Cbp.Did && m.GetProperty("state").GetString() == "delivered");
        var fdaTwin = await GetAsync("fda", "/twins/TOM-2026-0601-A");
        Assert.Equal("TOM-2026-0601-A", fdaTwin.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ecommerce_the_marketplace_receives_cbps_provisional_message_for_its_batch()
    {
        var ecom = fixture.Network.Party("everything-ecom");
        var sent = await MessagesAsync("cbp", "?kind=provisional-message");
        var toMarketplace = sent.Where(m => m.GetProperty("recipient").GetString() == ecom.Did).ToList();
        Assert.NotEmpty(toMarketplace);
        Assert.All(toMarketplace, m => Assert.Equal("delivered", m.GetProperty("state").GetString()));
        var inbox = await InboxAsync("everything-ecom");
        Assert.All(toMarketplace, m => Assert.Contains(inbox, p => p.GetProperty("id").GetString() == m.GetProperty("id").GetString() && p.GetProperty("holder").GetString() == Cbp.Did));
    }

    [Fact]
    public async Task The_broker_received_a_provisional_message_in_its_own_inbox_for_every_filing_cbp_decided()
    {
        var broker = fixture.Network.Party("border-brokers");
        var sent = (await MessagesAsync("cbp", "?kind=provisional-message")).Where(m => m.GetProperty("recipient").GetString() == broker.Did).ToList();
        var filings = sent.Select(m => m.GetProperty("filing").GetString()).Distinct().ToList();
        var decided = fixture.Steps.Where(s => s.Kind == DemoStepKind.Customs && s.Details is { } d && d.ContainsKey("decision") && ((IEnumerable<string>)d["messages"]!).Any(x => x.Contains(broker.Did, StringComparison.Ordinal))).ToList();
        Assert.True(filings.Count >= decided.Count, $"{filings.Count} filings with messages, {decided.Count} decisions");
        Assert.All(sent, m => Assert.Equal("delivered", m.GetProperty("state").GetString()));
        var inbox = await InboxAsync("border-brokers");
        var fromCbp = inbox.Where(p => p.GetProperty("holder").GetString() == Cbp.Did).Select(p => p.GetProperty("id").GetString()).ToHashSet();
        Assert.All(sent, m => Assert.Contains(m.GetProperty("id").GetString(), fromCbp));
        Assert.Contains(sent, m => m.GetProperty("status").GetString() == "may-proceed");
        Assert.Contains(sent, m => m.GetProperty("status").GetString() == "rejected");
    }

    [Fact]
    public async Task Phases2025_the_g2g_export_declaration_is_in_both_logs_the_revoked_ctpat_is_refused_and_the_mismatch_is_reported()
    {
        var steps = fixture.Of("phases2025");

        // G2G over POST /customs/exchange: the export declaration is a leaf of the Mexican log (ANAM's node issued it);
        // the presentation ANAM's outbox signed and delivered is a leaf of both logs under the same id (the sender's
        // "delivered" row, CBP's acceptance), and ANAM's outbox shows it delivered to CBP.
        var declaration = steps.First(s => s.Kind == DemoStepKind.Issued && ProcessNetworkFixture.Text(s, "type") == "ExportDeclarationCredential");
        Assert.Single(await fixture.Network.Node("mx-customs").Store.Log.FindLeavesAsync(LogEntryKind.Credential, "anam", ProcessNetworkFixture.Text(declaration, "id")!));
        var g2g = steps.Single(s => s.Kind == DemoStepKind.Presented && ProcessNetworkFixture.Text(s, "exchange") == "/customs/exchange");
        var exchanged = ProcessNetworkFixture.Text(g2g, "presentation")!;
        Assert.Single(await fixture.Network.Node("mx-customs").Store.Log.FindLeavesAsync(LogEntryKind.Presentation, "anam", exchanged));
        Assert.Single(await fixture.Network.Node("cbp").Store.Log.FindLeavesAsync(LogEntryKind.Presentation, "cbp", exchanged));
        var outbox = await fixture.Network.Node("mx-customs").Store.Customs.ListMessagesAsync("anam", kind: "g2g", limit: 10, cancellationToken: CancellationToken.None);
        var message = Assert.Single(outbox, m => m.Id == exchanged);
        Assert.Equal(Cbp.Did, message.Recipient);
        Assert.Equal("delivered", message.State);
        Assert.NotNull(await fixture.Http.GetAsync(Cbp, "/inbox/" + Uri.EscapeDataString(exchanged)));

        // The CTPAT certificate: accepted in a filing, revoked by CBP, refused in the next filing for its status.
        var revokedAt = steps.FindIndex(s => s.Details is { } d && d.TryGetValue("revoked", out var r) && r is true);
        Assert.True(revokedAt > 0);
        var refused = steps.Skip(revokedAt).First(s => s.Kind == DemoStepKind.Verified && ProcessNetworkFixture.Text(s, "outcome") == "refused");
        Assert.Equal(422, (int)refused.Details!["status"]!);
        Assert.Contains("status", string.Join(" ", (IEnumerable<string>)refused.Details["problems"]!) + refused.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await fixture.Http.GetAsync(Cbp, "/inbox/" + Uri.EscapeDataString(ProcessNetworkFixture.Text(refused, "presentation")!)));

        // My Export is Your Import on CBP's node: the matching entry matched, the scrap entry rejected with its differences.
        var decisions = Decisions("phases2025");
        Assert.Contains(decisions, d => ((IEnumerable<string>)d.Details!["reasons"]!).Contains("export-import-match"));
        var mismatch = decisions.Last();
        Assert.Equal("rejected", ProcessNetworkFixture.Text(mismatch, "decision"));
        var reasons = (IEnumerable<string>)mismatch.Details!["reasonMessages"]!;
        Assert.Contains(reasons, r => r.StartsWith("export-import-mismatch", StringComparison.Ordinal) && r.Contains("7204", StringComparison.Ordinal));
        Assert.True(reasons.Count(r => r.StartsWith("export-import-mismatch", StringComparison.Ordinal)) >= 2, string.Join(" | ", reasons));
    }

    [Fact]
    public async Task The_customs_nodes_cosign_each_others_checkpoints_and_keep_the_latest_they_saw()
    {
        var cosigned = fixture.Steps.Where(s => s.Kind == DemoStepKind.Log && s.Details is { } d && d.ContainsKey("cosignedBy")).ToList();
        Assert.Equal(["cbp", "mx-customs"], cosigned.Select(s => ProcessNetworkFixture.Text(s, "node")));
        Assert.All(cosigned, s => Assert.NotNull(ProcessNetworkFixture.Text(s, "cosignedBy")));
        foreach (var (node, partner) in new[] { ("cbp", "mx-customs"), ("mx-customs", "cbp") })
        {
            var (status, body) = await fixture.Http.SendToNodeAsync(fixture.Network.Node(node).Parties[0], HttpMethod.Get, "/log/partners", null);
            Assert.Equal(200, status);
            using var list = JsonDocument.Parse(body);
            var entry = Assert.Single(list.RootElement.GetProperty("partners").EnumerateArray());
            Assert.Equal(fixture.Network.Node(partner).Identity.NodeDid, entry.GetProperty("did").GetString());
            Assert.True(entry.GetProperty("witnessed").GetProperty("size").GetInt64() > 0, body);
        }
    }

    [Fact]
    [RunsLast]
    public async Task Stopped_no_node_process_is_left_and_log_audit_finds_a_tampered_row_in_cbps_store()
    {
        await fixture.StopAsync();
        foreach (var (name, pid) in fixture.ProcessIds)
        {
            Assert.True(await ProcessNetworkFixture.EventuallyAsync(() => Task.FromResult(!ProcessNetworkFixture.IsRunning(pid)), TimeSpan.FromSeconds(10)), $"{name} ({pid}) still runs");
        }

        var cbp = Path.Combine(fixture.Data, "cbp");
        var clean = await TradeproofProcess.RunAsync(["log", "audit", "--data", cbp]);
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Contains("audit passed", clean.Output, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection("Data Source=" + Path.Combine(cbp, "tradeproof.db")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE log_leaves SET content_hash = record_hash WHERE idx = 3";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var tampered = await TradeproofProcess.RunAsync(["log", "audit", "--data", cbp]);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("audit FAILED: first mismatching index 3 ", tampered.Output, StringComparison.Ordinal);
    }
}
