using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Demo;

/// <summary>What a scenario works with: the network, the HTTP side, the transcript and its expectations.</summary>
public sealed class DemoContext
{
    private readonly Action<DemoStep> _report;
    private readonly Dictionary<(string, string), ReceivedCredential> _verified = [];
    private int _met;
    private int _missed;

    internal DemoContext(string scenario, DemoNetwork network, DemoHttp http, Action<DemoStep> report)
    {
        Scenario = scenario;
        Network = network;
        Http = http;
        _report = report;
    }

    /// <summary>The scenario's name.</summary>
    public string Scenario { get; }

    /// <summary>The network.</summary>
    public DemoNetwork Network { get; }

    /// <summary>The HTTP side.</summary>
    public DemoHttp Http { get; }

    /// <summary>How many expectations were met.</summary>
    public int Met => _met;

    /// <summary>How many expectations were not met.</summary>
    public int Missed => _missed;

    /// <summary>CBP's decision on the last filing it accepted (<c>may-proceed</c>, <c>hold-for-agency-review</c>, <c>rejected</c>, ...), or null.</summary>
    public string? LastDecision { get; private set; }

    /// <summary>The reason codes of <see cref="LastDecision"/> (e.g. <c>export-import-mismatch</c>).</summary>
    public IReadOnlyList<string> LastDecisionReasons { get; private set; } = [];

    /// <summary>The organisation with this tenant id.</summary>
    public DemoParty Party(string tenantId) => Network.Party(tenantId);

    /// <summary>Reports a step.</summary>
    public void Report(DemoStepKind kind, DemoParty? actor, string text, Dictionary<string, object?>? details = null) =>
        _report(new DemoStep(Scenario, kind, actor?.Name, text, details));

    /// <summary>Records an expectation of the scenario (a failure twin rejected, a rule passing, ...).</summary>
    public bool Expect(string what, bool met)
    {
        if (met)
        {
            _met++;
        }
        else
        {
            _missed++;
        }

        _report(new DemoStep(Scenario, DemoStepKind.Expectation, null, what, null) { Met = met });
        return met;
    }

    /// <summary>
    /// When the scenarios' documents are dated (their <c>validFrom</c>, unless a step gives its own time): the twins
    /// order events by time, so a manufacture must come before the shipments that follow it. Never later than now.
    /// </summary>
    public static readonly DateTimeOffset ScenarioTime = new(2026, 7, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The party's node issues a credential (valid from <paramref name="at"/>, default <see cref="ScenarioTime"/>); reported as issued.</summary>
    public async Task<DemoCredential> IssueAsync(DemoParty issuer, string type, string subjectJson, bool tradeContext = false, string suite = "eddsa-rdfc-2022", DateTimeOffset? at = null, CancellationToken cancellationToken = default, string? statusPurpose = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var subject = JsonNode.Parse(subjectJson)!.AsObject();
        var now = Network.Options.Time.GetUtcNow();
        var validFrom = at ?? ScenarioTime;
        var credential = await Http.IssueAsync(issuer, type, subject, tradeContext, suite, validFrom > now ? now : validFrom, cancellationToken, statusPurpose).ConfigureAwait(false);
        Report(DemoStepKind.Issued, issuer, $"issued {type} {credential.Id} ({suite}, issuer {issuer.Did}{(statusPurpose is null ? "" : $", with a {statusPurpose} status list entry")})", new()
        {
            ["statusPurpose"] = statusPurpose,
            ["type"] = type,
            ["id"] = credential.Id,
            ["issuer"] = issuer.Did,
            ["suite"] = suite,
            ["node"] = issuer.Node.Name,
        });
        return credential;
    }

    /// <summary>The holder presents the credentials to the recipient's inbox; reported as presented and verified.</summary>
    public async Task<PresentationAnswer> PresentAsync(DemoParty holder, DemoParty recipient, IEnumerable<DemoCredential> credentials, string workflow, string instance, CancellationToken cancellationToken = default) =>
        await PresentBytesAsync(holder, recipient, [.. credentials.Select(c => (ReadOnlyMemory<byte>)c.Utf8)], workflow, instance, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="PresentAsync"/>, with credentials as bytes (a forged one, for example).</summary>
    public async Task<PresentationAnswer> PresentBytesAsync(DemoParty holder, DemoParty recipient, IReadOnlyList<ReadOnlyMemory<byte>> credentials, string workflow, string instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(recipient);
        var answer = await Http.PresentAsync(holder, recipient, credentials, workflow, instance, cancellationToken).ConfigureAwait(false);
        Report(DemoStepKind.Presented, holder, $"presented {credentials.Count} credential(s) to {recipient.Name} ({recipient.Node.Name} node, workflow {workflow}, instance {instance})", new()
        {
            ["presentation"] = answer.PresentationId,
            ["holder"] = holder.Did,
            ["recipient"] = recipient.Did,
            ["workflow"] = workflow,
            ["instance"] = instance,
            ["credentials"] = credentials.Count,
        });
        if (answer.Accepted)
        {
            // What the recipient's node recorded: the inbox entry's checks, and the twins its intake updated.
            var entry = await Http.GetAsync(recipient, "/inbox/" + Uri.EscapeDataString(answer.PresentationId), cancellationToken).ConfigureAwait(false);
            var checks = entry is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("verification", out var v) && v.TryGetProperty("checks", out var c)
                ? [.. c.EnumerateArray().Where(x => x.GetProperty("outcome").GetString() == "passed").Select(x => x.GetProperty("name").GetString()!)]
                : new List<string>();
            var twins = answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("twins", out var t) && t.ValueKind == JsonValueKind.Array
                ? [.. t.EnumerateArray().Select(x => x.GetString()!)]
                : new List<string>();
            Report(DemoStepKind.Verified, recipient, $"accepted the presentation into its inbox (202): {(checks.Count > 0 ? "checks passed: " + string.Join(", ", checks) + "; " : "")}{credentials.Count} credential(s) verified", new()
            {
                ["presentation"] = answer.PresentationId,
                ["status"] = answer.Status,
                ["outcome"] = "valid",
                ["checks"] = checks,
            });
            if (twins.Count > 0)
            {
                Report(DemoStepKind.Twin, recipient, $"twins updated on its node: {string.Join(", ", twins.Take(8))}{(twins.Count > 8 ? $" and {twins.Count - 8} more" : "")}", new() { ["twins"] = twins });
            }

            if (recipient.TenantId == "cbp")
            {
                (LastDecision, LastDecisionReasons) = await DemoCustoms.ReportDecisionAsync(this, recipient, answer.PresentationId, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var failed = answer.Checks.Where(c => c.Outcome is "failed" or "indeterminate").Select(c => $"{c.Name} {c.Outcome}").ToList();
            Report(DemoStepKind.Verified, recipient, $"refused the presentation ({answer.Status}): {answer.Reason}{(failed.Count > 0 ? "; checks: " + string.Join(", ", failed) : "")}{(answer.Problems.Count > 0 ? "; " + string.Join("; ", answer.Problems.Take(3)) : "")}", new()
            {
                ["presentation"] = answer.PresentationId,
                ["status"] = answer.Status,
                ["outcome"] = "refused",
                ["checks"] = answer.Checks.Select(c => new Dictionary<string, object?> { ["name"] = c.Name, ["outcome"] = c.Outcome }).ToList(),
                ["problems"] = answer.Problems,
            });
        }

        return answer;
    }

    /// <summary>How long <see cref="ExchangeAsync"/> waits for the sender's node to deliver (twelve processes on two loaded cores).</summary>
    private static readonly TimeSpan ExchangeWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The G2G exchange between customs authorities (issue #8): the sender's own node is asked to send credentials it
    /// issued or received to <paramref name="recipient"/> (<c>POST /customs/exchange</c>); its outbox signs a presentation
    /// (holder: the sender, id: the message id) and delivers it to the recipient's inbox, found by did:web. Waits
    /// (bounded) until the sender's outbox says delivered or failed, then reads the recipient's inbox entry. Reported as
    /// presented (by the sender) and verified (by the recipient). The message (= presentation) id, whether the
    /// recipient's node accepted it, and the outbox's last error when not.
    /// </summary>
    public async Task<(string MessageId, bool Delivered, string? Error)> ExchangeAsync(DemoParty sender, DemoParty recipient, IReadOnlyList<DemoCredential> credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(credentials);
        var request = new JsonObject { ["recipient"] = recipient.Did, ["credentialIds"] = new JsonArray([.. credentials.Select(c => (JsonNode?)c.Id)]) };
        var (status, body) = await Http.SendOwnAsync(sender, HttpMethod.Post, "/customs/exchange", request.ToJsonString(), cancellationToken).ConfigureAwait(false);
        if (status != 202)
        {
            throw new DemoException($"{sender.Name}'s node refused POST /customs/exchange ({status}): {body}");
        }

        string id;
        using (var queued = JsonDocument.Parse(body))
        {
            id = queued.RootElement.GetProperty("id").GetString()!;
        }

        Report(DemoStepKind.Presented, sender, $"sent {credentials.Count} credential(s) to {recipient.Name} ({recipient.Node.Name} node) over the G2G exchange (POST /customs/exchange on its own node: message {id}, signed and delivered by its outbox)", new()
        {
            ["presentation"] = id,
            ["holder"] = sender.Did,
            ["recipient"] = recipient.Did,
            ["workflow"] = "g2g",
            ["exchange"] = "/customs/exchange",
            ["credentials"] = credentials.Count,
        });

        var time = Network.Options.Time;
        var start = time.GetTimestamp();
        JsonElement message = default;
        while (true)
        {
            var list = await Http.GetAsync(sender, "/customs/messages?kind=g2g", cancellationToken).ConfigureAwait(false);
            message = list is { ValueKind: JsonValueKind.Object } l && l.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().FirstOrDefault(x => x.GetProperty("id").GetString() == id)
                : default;
            var state = message.ValueKind == JsonValueKind.Object ? message.GetProperty("state").GetString() : null;
            if (state is "delivered" or "failed" || time.GetElapsedTime(start) >= ExchangeWait)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }

        var delivered = message.ValueKind == JsonValueKind.Object && message.GetProperty("state").GetString() == "delivered";
        var attempts = message.ValueKind == JsonValueKind.Object ? message.GetProperty("attempts").GetInt32() : 0;
        var error = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("lastError", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var entry = delivered ? await Http.GetAsync(recipient, "/inbox/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false) : null;
        var checks = entry is { ValueKind: JsonValueKind.Object } en && en.TryGetProperty("verification", out var v) && v.TryGetProperty("checks", out var c)
            ? [.. c.EnumerateArray().Where(x => x.GetProperty("outcome").GetString() == "passed").Select(x => x.GetProperty("name").GetString()!)]
            : new List<string>();
        Report(DemoStepKind.Verified, recipient, delivered && entry is not null
            ? $"accepted the G2G presentation {id} into its inbox (delivered by {sender.Name}'s outbox after {attempts} failed attempt(s)){(checks.Count > 0 ? ": checks passed: " + string.Join(", ", checks) : "")}"
            : $"did not take the G2G presentation {id} (the sender's outbox: {(message.ValueKind == JsonValueKind.Object ? message.GetProperty("state").GetString() : "no such message")}, {attempts} attempt(s)){(error is null ? "" : ": " + error)}", new()
            {
                ["presentation"] = id,
                ["exchange"] = "/customs/exchange",
                ["outcome"] = delivered && entry is not null ? "valid" : "refused",
                ["checks"] = checks,
                ["attempts"] = attempts,
                ["lastError"] = error,
            });
        return (id, delivered && entry is not null, error);
    }

    /// <summary>
    /// The recipient's admissibility rules over the credentials it received: each credential verified by the recipient's
    /// node (VC-API <c>POST /credentials/verify</c>, which resolves every issuer's did:web over HTTP), then the Trade
    /// layer's rules and twins over the verified ones. Reported as verified (per credential), rules and twins.
    /// </summary>
    public async Task<(IReadOnlyList<ReceivedCredential> Received, AdmissibilityResult Result, TwinIndex Twins)> JudgeAsync(DemoParty recipient, IEnumerable<DemoCredential> credentials, string? policyJson = null, bool reportDetails = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var received = new List<ReceivedCredential>();
        var now = Network.Options.Time.GetUtcNow();
        var checksPassed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var credential in credentials)
        {
            if (_verified.TryGetValue((recipient.Did, credential.Id), out var known))
            {
                received.Add(known);
                continue;
            }

            var (valid, body) = await Http.VerifyAsync(recipient, credential.Utf8, cancellationToken).ConfigureAwait(false);
            var verification = valid ? body : body.ValueKind == JsonValueKind.Object && body.TryGetProperty("verification", out var v) ? v : default;
            var checks = verification.ValueKind == JsonValueKind.Object && verification.TryGetProperty("checks", out var c) ? c.EnumerateArray().ToList() : [];
            foreach (var check in checks.Where(x => x.GetProperty("outcome").GetString() == "passed"))
            {
                _ = checksPassed.Add(check.GetProperty("name").GetString()!);
            }

            var problems = valid ? [] : new List<string> { body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() ?? "not valid" : "not valid" };
            using var document = JsonDocument.Parse(credential.Utf8);
            var one = new ReceivedCredential(document.RootElement.Clone(), valid, credential.Issuer.Did, now, problems);
            _verified[(recipient.Did, credential.Id)] = one;
            received.Add(one);
        }

        var policy = policyJson is null ? null : AdmissibilityPolicy.Parse(policyJson);
        var result = new AdmissibilityEvaluator().Evaluate(received, policy);
        var twins = new TwinIndex();
        twins.AddCredentials(received);
        if (!reportDetails)
        {
            return (received, result, twins);
        }

        var verified = received.Count(r => r.Verified);
        Report(DemoStepKind.Verified, recipient, $"verified {verified} of {received.Count} credential(s) on its node (VC-API, issuers' did:web resolved over HTTP; checks passed: {string.Join(", ", checksPassed)})", new()
        {
            ["verified"] = verified,
            ["checks"] = checksPassed.ToList(),
            ["credentials"] = received.Count,
        });
        var failures = result.Findings.Where(f => f.Severity != FindingSeverity.Pass).ToList();
        var passes = result.Findings.Count(f => f.Severity == FindingSeverity.Pass);
        Report(DemoStepKind.Rules, recipient, $"admissibility: {Decision(result.Decision)} ({passes} rule(s) passed{(failures.Count > 0 ? "; " + string.Join("; ", failures.Select(f => $"{f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message}")) : "")})", new()
        {
            ["decision"] = Decision(result.Decision),
            ["passed"] = passes,
            ["findings"] = failures.Select(f => new Dictionary<string, object?> { ["code"] = f.Code, ["severity"] = f.Severity.ToString().ToLowerInvariant(), ["message"] = f.Message, ["credential"] = f.CredentialId, ["pointer"] = f.Pointer }).ToList(),
        });
        return (received, result, twins);
    }

    /// <summary>
    /// The twin as this filing makes it (computed with the Trade layer from the credentials the holder's node verified,
    /// for the scenario's expectations), and reported as the holder's node stores it (<c>GET /twins/{id}</c>: every
    /// event the node has received about it, from this filing and earlier ones).
    /// </summary>
    public async Task<TwinState?> ReportTwinAsync(DemoParty holder, TwinIndex twins, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(twins);
        var twin = twins.Find(id);
        var stored = await Http.GetAsync(holder, "/twins/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false);
        if (stored is not { ValueKind: JsonValueKind.Object } node)
        {
            Report(DemoStepKind.Twin, holder, $"twin {id}: not on its node");
            return twin;
        }

        var parts = new List<string>();
        var what = node.TryGetProperty("what", out var w) ? w : default;
        var who = node.TryGetProperty("who", out var h) ? h : default;
        var where = node.TryGetProperty("where", out var r) ? r : default;
        Add(parts, Text(what, "description"));
        if (what.ValueKind == JsonValueKind.Object && what.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number)
        {
            parts.Add($"{q.GetDecimal().ToString(CultureInfo.InvariantCulture)} {Text(what, "unit")}".Trim());
        }

        if (what.ValueKind == JsonValueKind.Object && what.TryGetProperty("origins", out var o) && o.GetArrayLength() > 0)
        {
            parts.Add("origin " + string.Join("/", o.EnumerateArray().Select(x => x.GetProperty("country").GetString()).Distinct()));
        }

        Add(parts, PartyName(who, "custodian"), "custodian ");
        Add(parts, PartyName(who, "owner"), "owner ");
        Add(parts, Text(where, "location"), "at ");
        if (where.ValueKind == JsonValueKind.Object && where.TryGetProperty("inBond", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            parts.Add($"in-bond {Text(b, "reference")} {Text(b, "status")}");
        }

        if (where.ValueKind == JsonValueKind.Object && where.TryGetProperty("readings", out var n) && n.ValueKind == JsonValueKind.Number && n.GetInt32() > 0)
        {
            parts.Add($"{n.GetInt32()} reading(s)");
        }

        if (node.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number)
        {
            parts.Add($"{version.GetInt64()} stored event(s)");
        }

        var issues = node.TryGetProperty("issues", out var i) && i.ValueKind == JsonValueKind.Array
            ? [.. i.EnumerateArray().Select(x => $"{x.GetProperty("code").GetString()} {x.GetProperty("message").GetString()}")]
            : new List<string>();
        parts.Add(issues.Count == 0 ? "no issues" : "issues: " + string.Join("; ", issues));
        Report(DemoStepKind.Twin, holder, $"twin {id} on its node: {string.Join(", ", parts)}", new()
        {
            ["twin"] = id,
            ["node"] = holder.Node.Name,
            ["issues"] = issues.Select(x => x.Split(' ')[0]).ToList(),
            ["filingIssues"] = twin?.Issues.Select(x => x.Code).ToList() ?? [],
        });
        return twin;
    }

    private static void Add(List<string> parts, string? value, string prefix = "")
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(prefix + value);
        }
    }

    private static string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? PartyName(JsonElement who, string name) => who.ValueKind == JsonValueKind.Object && who.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Object
        ? Text(p, "name") ?? Text(p, "id")
        : null;

    private static string Decision(AdmissibilityDecision decision) => decision switch
    {
        AdmissibilityDecision.Admissible => "admissible",
        AdmissibilityDecision.NotAdmissible => "not admissible",
        AdmissibilityDecision.AdmissibleWithWarnings => "admissible with warnings",
        _ => decision.ToString().ToLowerInvariant(),
    };
}
