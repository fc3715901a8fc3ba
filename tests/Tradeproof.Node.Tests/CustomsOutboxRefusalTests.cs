using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tradeproof.Node.Customs;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The customs outbox against recipients that answer badly (a scripted recipient on a real loopback port, found by
/// did:web): a 422 (any 4xx but 408, 425, 429) is given up at once with the problem's detail kept and shown (the outbox
/// listing, the metric); 5xx, 408, 429 and an endpoint that does not accept connections are retried with the backoff;
/// a message that does not make a valid presentation is given up without holding back the others; a given-up message
/// re-sent by the operator (<c>POST /customs/messages/{id}/resend</c>) once the cause is fixed is delivered.
/// On the SQLite and the PostgreSQL store (the private cluster; CI=true fails without it).
/// </summary>
public sealed class CustomsOutboxRefusalTests
{
    // Message ids are the presentations' ids: UUID URNs.
    private const string RefusedId = "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae1";
    private const string BusyId = "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae2";
    private const string UnreachableId = "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae3";
    private const string MalformedId = "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae4";

    [Fact]
    public Task A_refused_message_is_given_up_at_once_and_transient_failures_are_retried_on_sqlite() => RunAsync(null);

    [PostgresFact]
    public async Task A_refused_message_is_given_up_at_once_and_transient_failures_are_retried_on_postgres() =>
        await RunAsync(await NodePostgres.CreateDatabaseAsync());

    private static async Task RunAsync(string? postgres)
    {
        await using var recipient = await ScriptedRecipient.StartAsync();
        var key = NodePostgres.NewOperatorKey();
        await using var node = await LoopbackNode.StartAsync(o => postgres is null ? o : o with { PostgresConnectionString = postgres, OperatorKey = key });
        await node.Administration.AddTenantAsync("cbp", "CBP", publicVerification: false);
        var now = node.Services.Time.GetUtcNow();

        // What the messages carry: a credential CBP's node issues (a message is a presentation of credentials).
        var issuer = await node.TokenAsync("cbp", Scopes.IssueCredentials);
        var (issued, body) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/credentials/issue", issuer, $$"""
            { "credential": { "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                              "issuer": "{{node.Services.Identity.TenantDid("cbp")}}", "credentialSubject": { "id": "did:example:coil-42", "name": "Steel coil 42" } },
              "options": {} }
            """);
        Assert.True(issued == HttpStatusCode.Created, body.ToString());
        var content = System.Text.Encoding.UTF8.GetBytes("[" + body.GetProperty("verifiableCredential").GetRawText() + "]");

        // Queued straight into the store, as the intake handler does; the node's delivery service picks them up (within
        // its 5 s idle wait: it is not woken as through the node's own queueing).
        async Task<string> QueueAsync(string id, string to, byte[]? carrying = null)
        {
            Assert.True(await node.Services.Store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord(id, CustomsIntakeHandler.ProvisionalMessageKind, to, "urn:uuid:filing", "may-proceed", carrying ?? content, NextAttemptAt: now)));
            return id;
        }

        var refused = await QueueAsync(RefusedId, recipient.Did("refuses"));
        var busy = await QueueAsync(BusyId, recipient.Did("busy"));
        var unreachable = await QueueAsync(UnreachableId, recipient.Did("unreachable"));
        var malformed = await QueueAsync(MalformedId, recipient.Did("other"), "[\"not a credential\"]"u8.ToArray());

        // 503, then 429, then 408, then 202: retried with the backoff (250, 500, 1000 ms), delivered on the fourth attempt.
        var delivered = await EventuallyAsync(node, busy, m => m.State == OutboxStates.Delivered);
        Assert.Equal(3, delivered.Attempts);
        Assert.Equal([503, 429, 408, 202], recipient.Answers(BusyId));

        // 422 with a problem: given up after the first attempt, its detail kept; never sent again (the busy one's
        // retries, 1.75 s of backoff, went by meanwhile).
        var failed = await EventuallyAsync(node, refused, m => m.State == OutboxStates.Failed);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("Refused by the recipient (422), not retried", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("Issuer not trusted for this credential type", failed.LastError, StringComparison.Ordinal);
        Assert.Equal([422], recipient.Answers(RefusedId));

        // No connection: still pending, retried, the error says why.
        var pending = await EventuallyAsync(node, unreachable, m => m.Attempts >= 2);
        Assert.Equal(OutboxStates.Pending, pending.State);
        Assert.Contains("could not be reached", pending.LastError, StringComparison.Ordinal);

        // A message that cannot be made into a presentation is given up with the reason; it holds back nothing.
        var invalid = await EventuallyAsync(node, malformed, m => m.State == OutboxStates.Failed);
        Assert.Equal(1, invalid.Attempts);
        Assert.Contains("Not sent, given up", invalid.LastError, StringComparison.Ordinal);
        Assert.Empty(recipient.Answers(MalformedId));

        // What the operator sees: the outbox listing and the metric.
        var token = await node.TokenAsync("cbp", Scopes.ReadCustoms);
        var (status, list) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/messages", token);
        Assert.Equal(HttpStatusCode.OK, status);
        var shown = list.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetString() == refused);
        Assert.Equal("failed", shown.GetProperty("state").GetString());
        Assert.Contains("Issuer not trusted", shown.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var metrics = node.App.Services.GetRequiredService<PrometheusExporter>().Collect().Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("tradeproof_node_customs_deliveries_total{", StringComparison.Ordinal) && l.Contains("\"refused\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith("tradeproof_node_customs_deliveries_total{", StringComparison.Ordinal) && l.Contains("\"delivered\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith("tradeproof_node_customs_deliveries_total{", StringComparison.Ordinal) && l.Contains("\"given-up\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Equal([422], recipient.Answers(RefusedId));

        // The operator fixes the cause at the recipient and re-sends the given-up message: queued again, attempts from
        // 0, delivered. Only a given-up message can be re-sent (409), an unknown one is 404, reading is not enough (403).
        var manager = await node.TokenAsync("cbp", Scopes.ManageCustoms);
        string Resend(string id) => $"/organizations/cbp/customs/messages/{Uri.EscapeDataString(id)}/resend";
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Post, Resend(refused), token)).Status);
        var (notGivenUp, problem) = await node.SendAsync(HttpMethod.Post, Resend(busy), manager);
        Assert.Equal(HttpStatusCode.Conflict, notGivenUp);
        Assert.Contains("is delivered", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await node.SendAsync(HttpMethod.Post, Resend(unreachable), manager)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Post, Resend("urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90aff"), manager)).Status);
        recipient.Fix("refuses");
        var (resent, requeued) = await node.SendAsync(HttpMethod.Post, Resend(refused), manager);
        Assert.True(resent == HttpStatusCode.Accepted, requeued.ToString());
        Assert.Equal(refused, requeued.GetProperty("id").GetString());
        var redelivered = await EventuallyAsync(node, refused, m => m.State == OutboxStates.Delivered);
        Assert.Equal(0, redelivered.Attempts);
        Assert.Equal([422, 202], recipient.Answers(RefusedId));
        Assert.Equal(HttpStatusCode.Conflict, (await node.SendAsync(HttpMethod.Post, Resend(refused), manager)).Status);

        // A message that still cannot be built is given up again, after one attempt.
        Assert.Equal(HttpStatusCode.Accepted, (await node.SendAsync(HttpMethod.Post, Resend(malformed), manager)).Status);
        var again = await EventuallyAsync(node, malformed, m => m.State == OutboxStates.Failed);
        Assert.Equal(1, again.Attempts);
        Assert.StartsWith("Not sent, given up", again.LastError, StringComparison.Ordinal);
    }

    private static async Task<OutboxMessageRecord> EventuallyAsync(LoopbackNode node, string id, Func<OutboxMessageRecord, bool> done)
    {
        OutboxMessageRecord? last = null;
        for (var i = 0; i < 600; i++)
        {
            last = await node.Services.Store.Customs.GetMessageAsync("cbp", id);
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{id} never got there: {last}");
        return last!;
    }

    /// <summary>
    /// A recipient node that answers from a script: <c>refuses</c> answers 422 with a problem (202 once fixed), <c>busy</c> 503, 429, 408,
    /// then 202, and <c>unreachable</c>'s DID document names an endpoint where nothing listens.
    /// </summary>
    private sealed class ScriptedRecipient : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly int _port;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> _fixed = new(StringComparer.Ordinal);

        private ScriptedRecipient(WebApplication app, int port)
        {
            _app = app;
            _port = port;
        }

        public string Did(string name) => $"did:web:localhost%3A{_port}:organizations:{name}";

        // From now on the recipient <paramref name="name"/> accepts (202) what it refused.
        public void Fix(string name) => _fixed[name] = true;

        public int[] Answers(string presentationId) => _answers.TryGetValue(presentationId, out var q) ? [.. q] : [];

        public static async Task<ScriptedRecipient> StartAsync()
        {
            var port = FreePort.Loopback();
            var closed = FreePort.Loopback();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://localhost:{port}");
            var app = builder.Build();
            var recipient = new ScriptedRecipient(app, port);
            app.MapGet("/organizations/{name}/did.json", (string name) =>
            {
                var endpoint = $"http://localhost:{(name == "unreachable" ? closed : port)}/organizations/{name}";
                return Results.Text($$"""
                    { "@context": ["https://www.w3.org/ns/did/v1"], "id": "{{recipient.Did(name)}}",
                      "service": [ { "id": "{{recipient.Did(name)}}#traceability-api", "type": "TraceabilityAPI", "serviceEndpoint": "{{endpoint}}" } ] }
                    """, "application/json");
            });
            app.MapPost("/organizations/{name}/challenges", () => Results.Json(new { challenge = "c-1", domain = "localhost" }, statusCode: 201));
            app.MapPost("/organizations/{name}/presentations", async (string name, HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var id = body.RootElement.GetProperty("id").GetString()!;
                var answers = recipient._answers.GetOrAdd(id, _ => new ConcurrentQueue<int>());
                int[] script = name == "busy" ? [503, 429, 408, 202] : recipient._fixed.ContainsKey(name) ? [202] : [422];
                var status = script[Math.Min(answers.Count, script.Length - 1)];
                answers.Enqueue(status);
                return status == 422
                    ? Results.Problem(title: "Verification failed", detail: "Issuer not trusted for this credential type: the trust registry does not allow the issuer.", statusCode: 422)
                    : Results.StatusCode(status);
            });
            await app.StartAsync();
            return recipient;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
