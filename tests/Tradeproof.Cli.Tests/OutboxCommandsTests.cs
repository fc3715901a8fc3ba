using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tradeproof.Node;
using Tradeproof.Storage;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// <c>tradeproof outbox list|resend</c> against a node on a loopback port (in process): the given-up message is listed
/// with its state and reason (<c>--state failed</c>, <c>--json</c>, filtered on the node: found behind 200 newer
/// messages), re-sent (pending again, attempts from 0, the
/// reason kept in its last error), and a second re-send is refused (409, exit 1); a read-only client cannot re-send;
/// a node that does not answer is exit 69. <c>resend --json</c> writes the node's answer (the message as re-queued), indented.
/// </summary>
public sealed class OutboxCommandsTests
{
    private const string GivenUp = "urn:uuid:0d8c1e2a-3b4c-4d5e-8f60-718293a4b5c6";
    private const string Waiting = "urn:uuid:0d8c1e2a-3b4c-4d5e-8f60-718293a4b5c7";

    [Fact]
    public async Task Outbox_list_shows_states_and_resend_queues_a_given_up_message_again()
    {
        var (app, url, data) = await RegistryCommandsTests.StartNodeAsync();
        try
        {
            var services = app.Services.GetRequiredService<NodeServices>();
            var admin = new NodeAdministration(services.Store, services.Identity, services.Random);
            await admin.AddTenantAsync("cbp", null, publicVerification: false);
            var manager = await admin.AddClientAsync("cbp", [Scopes.ManageCustoms, Scopes.ReadCustoms]);
            var reader = await admin.AddClientAsync("cbp", [Scopes.ReadCustoms]);
            string[] As(ClientRegistration client, params string[] args) => [.. args, "--node", url, "--tenant", "cbp", "--client", client.ClientId, "--client-secret", client.ClientSecret];

            // Two messages due in a day (the delivery service leaves them alone; did:example does not resolve, so a re-sent one stays pending): one given up by a refusal, one waiting.
            var later = services.Time.GetUtcNow().AddDays(1);
            Assert.True(await services.Store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord(GivenUp, "g2g", "did:example:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: later)));
            Assert.True(await services.Store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord(Waiting, "g2g", "did:example:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: later)));
            Assert.True(await services.Store.Customs.MarkAttemptFailedAsync("cbp", GivenUp, "Refused by the recipient (422), not retried: Issuer not trusted", null));

            var all = CliRunner.Run(As(reader, "outbox", "list"));
            Assert.True(all.ExitCode == 0, all.Error);
            Assert.Contains($"failed     g2g  {GivenUp}  -> did:example:anam  attempts 1", all.Output, StringComparison.Ordinal);
            Assert.Contains("Refused by the recipient (422), not retried: Issuer not trusted", all.Output, StringComparison.Ordinal);
            Assert.Contains($"pending    g2g  {Waiting}", all.Output, StringComparison.Ordinal);
            Assert.Contains("2 messages", all.Output, StringComparison.Ordinal);

            // 200 newer pending messages (the node lists its latest 200): the given-up one is still found, the node filters by state.
            for (var i = 0; i < 200; i++)
            {
                Assert.True(await services.Store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord($"urn:uuid:0d8c1e2a-3b4c-4d5e-8f60-{i:x12}", "g2g", "did:example:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: later)));
            }

            var failed = CliRunner.Run(As(reader, "outbox", "list", "--state", "failed", "--json"));
            Assert.True(failed.ExitCode == 0, failed.Error);
            using (var listed = JsonDocument.Parse(failed.Output))
            {
                var only = Assert.Single(listed.RootElement.GetProperty("messages").EnumerateArray());
                Assert.Equal(GivenUp, only.GetProperty("id").GetString());
                Assert.Equal("failed", only.GetProperty("state").GetString());
            }

            // 202 messages in pages: 150, then the rest from the cursor the first page printed.
            var first = CliRunner.Run(As(reader, "outbox", "list", "--limit", "150"));
            Assert.True(first.ExitCode == 0, first.Error);
            var cursor = System.Text.RegularExpressions.Regex.Match(first.Output, "150 messages; older ones: --before ([0-9]+)\n");
            Assert.True(cursor.Success, first.Output);
            var rest = CliRunner.Run(As(reader, "outbox", "list", "--before", cursor.Groups[1].Value, "--json"));
            Assert.True(rest.ExitCode == 0, rest.Error);
            using (var older = JsonDocument.Parse(rest.Output))
            {
                Assert.Equal(52, older.RootElement.GetProperty("messages").GetArrayLength());
                Assert.Equal(JsonValueKind.Null, older.RootElement.GetProperty("next").ValueKind);
                Assert.Equal(Waiting, older.RootElement.GetProperty("messages")[50].GetProperty("id").GetString());
                Assert.Equal(GivenUp, older.RootElement.GetProperty("messages")[51].GetProperty("id").GetString());
            }

            var readOnly = CliRunner.Run(As(reader, "outbox", "resend", GivenUp));
            Assert.Equal(1, readOnly.ExitCode);
            Assert.Equal(OutboxStates.Failed, (await services.Store.Customs.GetMessageAsync("cbp", GivenUp))!.State);

            var resent = CliRunner.Run(As(manager, "outbox", "resend", GivenUp));
            Assert.True(resent.ExitCode == 0, resent.Error);
            Assert.Contains("Queued again for delivery", resent.Output, StringComparison.Ordinal);
            Assert.Contains(GivenUp, resent.Output, StringComparison.Ordinal);
            var requeued = await services.Store.Customs.GetMessageAsync("cbp", GivenUp);
            Assert.Equal(OutboxStates.Pending, requeued!.State);

            var twice = CliRunner.Run(As(manager, "outbox", "resend", Waiting));
            Assert.Equal(1, twice.ExitCode);
            Assert.Contains("409", twice.Error, StringComparison.Ordinal);
            var unknown = CliRunner.Run(As(manager, "outbox", "resend", "urn:uuid:0d8c1e2a-3b4c-4d5e-8f60-718293a4b5ff"));
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("404", unknown.Error, StringComparison.Ordinal);

            // A node that does not answer: exit 69, like every verb that talks to a node.
            var nowhere = CliRunner.Run("outbox", "list", "--node", $"http://127.0.0.1:{Tradeproof.Testing.FreePort.Loopback()}", "--tenant", "cbp", "--token", "t");
            Assert.Equal(69, nowhere.ExitCode);
            Assert.Contains("cannot reach", nowhere.Error, StringComparison.Ordinal);
        }
        finally
        {
            await RegistryCommandsTests.StopAsync(app, data);
        }
    }

    [Fact]
    public async Task Outbox_resend_json_writes_the_requeued_message_as_the_node_answers_it()
    {
        var (app, url, data) = await RegistryCommandsTests.StartNodeAsync();
        try
        {
            var services = app.Services.GetRequiredService<NodeServices>();
            var admin = new NodeAdministration(services.Store, services.Identity, services.Random);
            await admin.AddTenantAsync("cbp", null, publicVerification: false);
            var manager = await admin.AddClientAsync("cbp", [Scopes.ManageCustoms]);
            string[] As(params string[] args) => [.. args, "--json", "--node", url, "--tenant", "cbp", "--client", manager.ClientId, "--client-secret", manager.ClientSecret];
            Assert.True(await services.Store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord(GivenUp, "provisional-message", "did:example:filer", "urn:uuid:filing-7", "may-proceed", "[]"u8.ToArray(), NextAttemptAt: services.Time.GetUtcNow().AddDays(1))));
            Assert.True(await services.Store.Customs.MarkAttemptFailedAsync("cbp", GivenUp, "Refused by the recipient (422), not retried: Issuer not trusted", null));

            var resent = CliRunner.Run(As("outbox", "resend", GivenUp));
            Assert.True(resent.ExitCode == 0, resent.Error);
            Assert.Equal(string.Empty, resent.Error);
            Assert.StartsWith("{\n  \"id\": \"" + GivenUp + "\",\n", resent.Output, StringComparison.Ordinal); // the node's answer, indented
            Assert.EndsWith("}\n", resent.Output, StringComparison.Ordinal);
            using (var answer = JsonDocument.Parse(resent.Output))
            {
                var m = answer.RootElement;
                Assert.Equal("provisional-message", m.GetProperty("kind").GetString());
                Assert.Equal("did:example:filer", m.GetProperty("recipient").GetString());
                Assert.Equal("urn:uuid:filing-7", m.GetProperty("filing").GetString());
                Assert.Equal("may-proceed", m.GetProperty("status").GetString());
                Assert.Equal(OutboxStates.Pending, m.GetProperty("state").GetString());
                Assert.Equal(JsonValueKind.Array, m.GetProperty("credentials").ValueKind);
                Assert.True(m.TryGetProperty("nextAttemptAt", out _));
                Assert.False(m.TryGetProperty("deliveredAt", out _));

                // As re-queued (the delivery service, woken, may have tried did:example once since: then its error instead).
                if (m.GetProperty("attempts").GetInt32() == 0)
                {
                    Assert.StartsWith("Re-sent by an operator at ", m.GetProperty("lastError").GetString(), StringComparison.Ordinal);
                    Assert.EndsWith("given up after 1 attempt(s): Refused by the recipient (422), not retried: Issuer not trusted", m.GetProperty("lastError").GetString(), StringComparison.Ordinal);
                }
            }

            // Refused (now pending: 409): exit 1 and, with --json, the error as JSON (the CLI's convention), not a message.
            var again = CliRunner.Run(As("outbox", "resend", GivenUp));
            Assert.Equal(1, again.ExitCode);
            using var error = JsonDocument.Parse(again.Output);
            Assert.Equal("error", error.RootElement.GetProperty("outcome").GetString());
            Assert.Contains("409", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(error.RootElement.TryGetProperty("id", out _));
        }
        finally
        {
            await RegistryCommandsTests.StopAsync(app, data);
        }
    }
}
