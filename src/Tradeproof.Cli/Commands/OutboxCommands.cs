using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof outbox</c>: a customs tenant's outbox (provisional messages, agency referrals, PGA statuses, G2G
/// exchanges) over HTTP against its node (<c>--node URL --tenant T</c>, like <c>registry</c>): <c>list</c> (with
/// states, attempts and last errors; <c>--state failed</c> for the given-up ones) and <c>resend ID</c> (a given-up
/// message queued again once the cause is fixed). See docs/customs.md.
/// </summary>
internal static class OutboxCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var outbox = new Command("outbox", "A customs tenant's outbox on its node: list the messages with their delivery states, re-send a given-up one.");
        outbox.Add(CreateList(console));
        outbox.Add(CreateResend(console));
        return [outbox];
    }

    // tradeproof outbox list --node URL --tenant T [--state pending|delivered|failed] [--kind K] [--filing ID] [--limit N] [--before SEQUENCE] [--json]
    private static Command CreateList(CliConsole console)
    {
        var node = new CustomsNodeOptions("Write the messages as JSON.");
        var state = new Option<string>("--state") { Description = "Only messages in this state: pending, delivered or failed (given up)." };
        state.AcceptOnlyFromAmong("pending", "delivered", "failed");
        var kind = new Option<string>("--kind") { Description = "Only messages of this kind: provisional-message, agency-referral, pga-status, g2g." };
        var filing = new Option<string>("--filing") { HelpName = "ID", Description = "Only messages about this filing (its presentation id)." };
        var limit = new Option<int?>("--limit") { HelpName = "N", Description = "At most N messages (1-200; default 200)." };
        var before = new Option<long?>("--before") { HelpName = "SEQUENCE", Description = "Only messages queued before this one: the 'older' cursor the previous page printed." };
        var command = node.AddTo(new Command("list", "List the outbox, newest first, a page at a time (--limit, --before): state, kind, id, recipient, attempts and the last error.") { state, kind, filing, limit, before });
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var query = new List<string>();
            if (parse.GetValue(limit) is { } n)
            {
                query.Add("limit=" + n.ToString(CultureInfo.InvariantCulture));
            }

            if (parse.GetValue(before) is { } b)
            {
                query.Add("before=" + b.ToString(CultureInfo.InvariantCulture));
            }

            if (parse.GetValue(kind) is { Length: > 0 } k)
            {
                query.Add("kind=" + Uri.EscapeDataString(k));
            }

            if (parse.GetValue(filing) is { Length: > 0 } f)
            {
                query.Add("filing=" + Uri.EscapeDataString(f));
            }

            if (parse.GetValue(state) is { Length: > 0 } s)
            {
                query.Add("state=" + Uri.EscapeDataString(s));
            }

            using var answer = node.Send(parse, HttpMethod.Get, "/messages" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), "read:customs", null);
            var messages = answer.RootElement.GetProperty("messages").EnumerateArray().ToList();
            var next = answer.RootElement.TryGetProperty("next", out var cursor) && cursor.ValueKind == JsonValueKind.Number ? cursor.GetInt64() : (long?)null;
            if (parse.GetValue(node.Json))
            {
                console.Output.Write(CommandOutput.Json(w =>
                {
                    w.WriteStartArray("messages");
                    messages.ForEach(m => m.WriteTo(w));
                    w.WriteEndArray();
                    if (next is { } older)
                    {
                        w.WriteNumber("next", older);
                    }
                    else
                    {
                        w.WriteNull("next");
                    }
                }) + "\n");
                return ExitCodes.Success;
            }

            var text = new StringBuilder();
            foreach (var m in messages)
            {
                Describe(text, m);
            }

            text.Append(messages.Count == 1 ? "1 message" : $"{messages.Count} messages");
            text.Append(next is { } more ? string.Create(CultureInfo.InvariantCulture, $"; older ones: --before {more}\n") : "\n");
            console.Output.Write(text.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof outbox resend ID --node URL --tenant T [--json]
    private static Command CreateResend(CliConsole console)
    {
        var node = new CustomsNodeOptions("Write the message as JSON.");
        var id = new Argument<string>("ID") { Description = "The given-up message's id (urn:uuid:..., from `outbox list --state failed`)." };
        var command = node.AddTo(new Command("resend", "Queue a given-up (failed) message again, attempts from 0, once the cause is fixed (the recipient's registry, a partner client, a key).") { id });
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            using var answer = node.Send(parse, HttpMethod.Post, "/messages/" + Uri.EscapeDataString(parse.GetValue(id)!) + "/resend", "manage:customs", "{}"u8.ToArray());
            if (parse.GetValue(node.Json))
            {
                console.Output.Write(CommandOutput.Indented(answer.RootElement) + "\n");
                return ExitCodes.Success;
            }

            var text = new StringBuilder("Queued again for delivery:\n");
            Describe(text, answer.RootElement);
            console.Output.Write(text.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    // "failed     g2g  urn:uuid:...  -> did:web:...  attempts 1  filing urn:uuid:..." and the last error on the next line.
    private static void Describe(StringBuilder text, JsonElement m)
    {
        text.Append($"{Str(m, "state"),-10} {Str(m, "kind")}  {Str(m, "id")}  -> {Str(m, "recipient")}  attempts {m.GetProperty("attempts").GetInt32()}");
        if (Str(m, "filing") is { } filing)
        {
            text.Append("  filing ").Append(filing);
        }

        text.Append('\n');
        if (Str(m, "lastError") is { } error)
        {
            text.Append("           ").Append(error).Append('\n');
        }

        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
