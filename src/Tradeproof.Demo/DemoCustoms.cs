using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tradeproof.Demo;

/// <summary>
/// The customs single window of the demo, set up through the nodes' customs API (<c>/organizations/{id}/customs/</c>):
/// CBP and ANAM are customs authorities, FDA and DOE agencies; CBP's signed trust registry allows the network's trade
/// parties (not Phantom Logistics) and recognises ANAM's AEO programme; CBP routes food to FDA (hold) and energy to
/// DOE (report only); each holds OAuth clients at its partners' nodes to deliver provisional messages, referrals and
/// answers. Then, for each filing CBP accepts, the decision it kept and the provisional messages it sent.
/// </summary>
internal static class DemoCustoms
{
    private static readonly string[] Filers = ["border-brokers", "everything-ecom", "anam", "fda", "doe"];

    public static async Task SetUpAsync(DemoNetwork network, DemoHttp http, Action<DemoStep> report, CancellationToken cancellationToken)
    {
        var cbp = network.Party("cbp");
        var anam = network.Party("anam");
        var fda = network.Party("fda");
        var doe = network.Party("doe");
        await PutAsync(http, cbp, "/customs/profile", new JsonObject { ["role"] = "customs", ["name"] = cbp.Name, ["country"] = "US" }, cancellationToken).ConfigureAwait(false);
        await PutAsync(http, anam, "/customs/profile", new JsonObject { ["role"] = "customs", ["name"] = anam.Name, ["country"] = "MX" }, cancellationToken).ConfigureAwait(false);
        await PutAsync(http, fda, "/customs/profile", new JsonObject { ["role"] = "agency", ["name"] = fda.Name, ["country"] = "US", ["agency"] = "FDA" }, cancellationToken).ConfigureAwait(false);
        await PutAsync(http, doe, "/customs/profile", new JsonObject { ["role"] = "agency", ["name"] = doe.Name, ["country"] = "US", ["agency"] = "DOE" }, cancellationToken).ConfigureAwait(false);

        var allowed = network.Parties.Where(p => p.TenantId is not ("phantom-logistics" or "cbp")).ToList();
        foreach (var party in allowed)
        {
            await PostAsync(http, cbp, "/customs/registry/allow", new JsonObject { ["issuer"] = party.Did, ["credentialTypes"] = new JsonArray("*"), ["note"] = party.Role }, cancellationToken).ConfigureAwait(false);
        }

        await PostAsync(http, cbp, "/customs/registry/allow", new JsonObject { ["issuer"] = cbp.Did, ["credentialTypes"] = new JsonArray("CTPATCertificate"), ["note"] = "CBP's own CTPAT certificates" }, cancellationToken).ConfigureAwait(false);
        await PostAsync(http, cbp, "/customs/registry/recognise", new JsonObject { ["partner"] = anam.Did, ["country"] = "MX", ["programme"] = "OEA Mexico" }, cancellationToken).ConfigureAwait(false);
        await PutAsync(http, cbp, "/customs/routes", JsonNode.Parse($$"""
            { "routes": [
              { "agency": "FDA", "node": "{{fda.Did}}", "credentialTypes": ["FSMAShippingCTECredential", "FSMAReceivingCTECredential", "FSMAGrowingCTECredential"], "hold": true },
              { "agency": "DOE", "node": "{{doe.Did}}", "hsChapters": ["27"], "hold": false }
            ] }
            """)!, cancellationToken).ConfigureAwait(false);

        // Who delivers to whom: CBP to the filers and agencies, the agencies back to CBP.
        foreach (var filer in Filers)
        {
            await PartnerAsync(http, cbp, network.Party(filer), cancellationToken).ConfigureAwait(false);
        }

        await PartnerAsync(http, fda, cbp, cancellationToken).ConfigureAwait(false);
        await PartnerAsync(http, doe, cbp, cancellationToken).ConfigureAwait(false);
        foreach (var (agency, filer) in new[] { (fda, "border-brokers"), (doe, "border-brokers"), (doe, "prairie-pipeline"), (doe, "great-plains-gas") })
        {
            await PartnerAsync(http, agency, network.Party(filer), cancellationToken).ConfigureAwait(false);
        }

        await PartnerAsync(http, anam, cbp, cancellationToken).ConfigureAwait(false);
        report(new DemoStep("", DemoStepKind.Customs, cbp.Name, $"customs single window: CBP's signed trust registry allows {allowed.Count} trade parties and recognises ANAM's OEA programme; food routed to FDA (hold), HS 27 to DOE; OAuth partner clients for delivery"));
        await DemoWitnessing.SetUpAsync(network, http, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports CBP's decision on a filing it accepted, and the provisional messages it queued or delivered.</summary>
    public static async Task<(string? Status, IReadOnlyList<string> Reasons)> ReportDecisionAsync(DemoContext demo, DemoParty customs, string presentationId, CancellationToken cancellationToken)
    {
        var filing = await demo.Http.GetAsync(customs, "/customs/filings/" + Uri.EscapeDataString(presentationId), cancellationToken).ConfigureAwait(false);
        if (filing is not { ValueKind: JsonValueKind.Object } f || !f.TryGetProperty("decision", out var decision))
        {
            return (null, []);
        }

        var status = decision.TryGetProperty("status", out var s) ? s.GetString() : null;
        var reasons = decision.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Array
            ? [.. r.EnumerateArray().Select(x => x.GetProperty("code").GetString()!)]
            : new List<string>();
        var reasonMessages = decision.TryGetProperty("reasons", out var rm) && rm.ValueKind == JsonValueKind.Array
            ? [.. rm.EnumerateArray().Select(x => x.GetProperty("code").GetString() + ": " + (x.TryGetProperty("message", out var m) ? m.GetString() : ""))]
            : new List<string>();
        var agencies = decision.TryGetProperty("agencies", out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray().Select(x => x.GetProperty("agency").GetString() + (x.TryGetProperty("hold", out var h) && h.GetBoolean() ? " (hold)" : ""))]
            : new List<string>();
        var messages = await demo.Http.GetAsync(customs, "/customs/messages?filing=" + Uri.EscapeDataString(presentationId), cancellationToken).ConfigureAwait(false);
        var sent = messages is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(x => $"{x.GetProperty("kind").GetString()} {x.GetProperty("status").GetString()} to {x.GetProperty("recipient").GetString()} ({x.GetProperty("state").GetString()})")]
            : new List<string>();
        demo.Report(DemoStepKind.Customs, customs, $"decision on the filing: {status}{(reasons.Count > 0 ? " (" + string.Join(", ", reasons.Distinct()) + ")" : "")}{(agencies.Count > 0 ? "; referred to " + string.Join(", ", agencies) : "")}{(sent.Count > 0 ? "; messages: " + string.Join("; ", sent) : "")}", new()
        {
            ["presentation"] = presentationId,
            ["decision"] = status,
            ["reasons"] = reasons,
            ["reasonMessages"] = reasonMessages,
            ["agencies"] = agencies,
            ["messages"] = sent,
        });
        return (status, reasons);
    }

    private static async Task PartnerAsync(DemoHttp http, DemoParty sender, DemoParty recipient, CancellationToken cancellationToken)
    {
        var (id, secret) = await http.ClientForAsync(recipient, sender, cancellationToken).ConfigureAwait(false);
        await PostAsync(http, sender, "/customs/partners", new JsonObject { ["did"] = recipient.Did, ["clientId"] = id, ["clientSecret"] = secret }, cancellationToken).ConfigureAwait(false);
    }

    private static Task PutAsync(DemoHttp http, DemoParty party, string path, JsonNode body, CancellationToken cancellationToken) => SendAsync(http, party, HttpMethod.Put, path, body, cancellationToken);

    private static Task PostAsync(DemoHttp http, DemoParty party, string path, JsonNode body, CancellationToken cancellationToken) => SendAsync(http, party, HttpMethod.Post, path, body, cancellationToken);

    private static async Task SendAsync(DemoHttp http, DemoParty party, HttpMethod method, string path, JsonNode body, CancellationToken cancellationToken)
    {
        var (status, answer) = await http.SendOwnAsync(party, method, path, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        if (status is < 200 or >= 300)
        {
            throw new DemoException($"{party.Name}'s node refused {method} {path} ({status}): {answer}");
        }
    }
}
