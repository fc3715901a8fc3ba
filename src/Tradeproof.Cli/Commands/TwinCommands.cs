using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.Verification;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof twin show ID --from FOLDER [--json]</c>: the digital twin of a product, lot or shipment identifier.</summary>
internal static class TwinCommands
{
    /// <summary>The most credential files a folder may hold for <c>twin show</c>.</summary>
    private const int MaxFiles = 10_000;

    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var twin = new Command("twin", "Digital twins of goods: what a product, lot or shipment is, who controls it, where it is, its timeline.");
        twin.Add(CreateShow(console));
        return [twin];
    }

    // tradeproof twin show ID --from FOLDER [--json]
    private static Command CreateShow(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The product, lot, heat, batch, shipment, container or in-bond identifier." };
        var from = new Option<string>("--from")
        {
            Description = "A folder of credentials (*.json: credentials, presentations or arrays of credentials). Each is verified; only verified ones feed the twin.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Write the twin as JSON (state, issues and the events of its timeline)." };
        var command = new Command("show", "Verify the credentials in a folder, project the events that name ID and print its twin: what, origin, who, where, timeline, issues. Exit 1 when no verified credential names ID.")
        {
            id, from, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var folder = parse.GetValue(from)!;
            var twinId = parse.GetValue(id)!;
            var received = ReadFolder(folder);
            var index = new TwinIndex();
            index.AddCredentials(received);
            var state = index.Find(twinId)
                ?? throw new CliInputException($"no verified credential in {folder} names '{twinId}' ({received.Count} credentials read, {received.Count(r => r.Verified)} verified)");
            var unverified = received.Where(r => !r.Verified).ToList();
            console.Output.Write(parse.GetValue(json) ? ToJson(state, received.Count, unverified) : ToText(state, received.Count, unverified));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Reads and verifies every credential of the folder's *.json files (credentials, presentations, arrays).</summary>
    internal static List<ReceivedCredential> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliInputException($"folder not found: {folder}");
        }

        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).Take(MaxFiles + 1).ToList();
        if (files.Count > MaxFiles)
        {
            throw new CliInputException($"{folder} holds more than {MaxFiles} credential files");
        }

        var verifier = new CredentialVerifier();
        var received = new List<ReceivedCredential>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            received.AddRange(Credentials(bytes, verifier, File.GetLastWriteTimeUtc(file), file));
        }

        return received;
    }

    /// <summary>The credentials of one document (a credential, a presentation, or an array of credentials), each verified.</summary>
    internal static List<ReceivedCredential> Credentials(byte[] bytes, CredentialVerifier verifier, DateTimeOffset receivedAt, string describe)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{describe} is not JSON: {e.Message}");
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            return [.. root.EnumerateArray().Select(item => CredentialIntake.VerifyAsync(verifier, Encoding.UTF8.GetBytes(item.GetRawText()), receivedAt).AsTask().GetAwaiter().GetResult())];
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("verifiableCredential", out _))
        {
            return [.. CredentialIntake.VerifyEmbeddedAsync(verifier, root, receivedAt).AsTask().GetAwaiter().GetResult()];
        }

        return [CredentialIntake.VerifyAsync(verifier, bytes, receivedAt).AsTask().GetAwaiter().GetResult()];
    }

    private static string ToText(TwinState twin, int read, List<ReceivedCredential> unverified)
    {
        var o = new StringBuilder();
        o.AppendLine(CultureInfo.InvariantCulture, $"twin {twin.Id}");
        o.AppendLine("what");
        o.AppendLine(CultureInfo.InvariantCulture, $"  description  {twin.Description ?? "-"}");
        if (twin.HsCodes.Count > 0)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  HS codes     {string.Join(", ", twin.HsCodes)}");
        }

        if (twin.Quantity is { } quantity)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  quantity     {Number(quantity)} {twin.Unit}");
        }

        foreach (var (name, value) in twin.Attributes)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  {name,-12} {value}");
        }

        foreach (var claim in twin.Origins)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  origin       {claim.Kind} {claim.Country} (claimed by {claim.Claimant ?? "-"})");
        }

        foreach (var input in twin.Inputs)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  made from    {input}");
        }

        o.AppendLine("who");
        o.AppendLine(CultureInfo.InvariantCulture, $"  owner        {twin.Owner?.ToString() ?? "-"}");
        o.AppendLine(CultureInfo.InvariantCulture, $"  custodian    {twin.Custodian?.ToString() ?? "-"}");
        foreach (var (label, chain) in new[] { ("sale", twin.OwnershipChain), ("custody", twin.CustodyChain) })
        {
            foreach (var t in chain)
            {
                var amount = t.Quantity is { } q ? $" {Number(q)} {t.Unit}" : "";
                o.AppendLine(CultureInfo.InvariantCulture, $"  {label,-12} {Time(t.Time)} {t.From?.ToString() ?? "?"} -> {t.To}{amount}");
            }
        }

        foreach (var (party, balance) in twin.Holdings)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  holds        {party}: {Number(balance)}");
        }

        o.AppendLine("where");
        o.AppendLine(CultureInfo.InvariantCulture, $"  location     {twin.Location?.ToString() ?? "-"}{(twin.LocationStatus is { } s ? $" ({s})" : "")}");
        if (twin.InBond is { } bond)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  in-bond      {bond.Reference} {bond.Status} at {bond.Location?.ToString() ?? "-"} ({Time(bond.Time)})");
        }

        if (twin.Readings.Count > 0)
        {
            var last = twin.Readings[^1];
            o.AppendLine(CultureInfo.InvariantCulture, $"  readings     {twin.Readings.Count}, last {last.Measurement.Name} {Number(last.Measurement.Value)} {last.Measurement.Unit} at {Time(last.Time)}");
        }

        foreach (var declaration in twin.Declarations)
        {
            var value = declaration.DeclaredValue is { } v ? $" {Number(v)} {declaration.Currency}" : "";
            o.Append("  declared     ").Append(declaration.Kind).Append(' ').Append(declaration.Reference).AppendLine(value);
        }

        o.AppendLine("timeline");
        foreach (var e in twin.Timeline)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  {Time(e.Time)}  {TwinEventJson.TypeName(e.Type),-20} {Summary(e)}  [{e.Source.CredentialType ?? e.Source.Kind} {e.Source.CredentialId ?? ""} by {e.Source.Issuer ?? "-"}]");
        }

        o.AppendLine(twin.Issues.Count == 0 ? "issues: none" : "issues");
        foreach (var issue in twin.Issues)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  {issue.Code}  {issue.Message}");
        }

        o.AppendLine(CultureInfo.InvariantCulture, $"credentials: {read} read, {read - unverified.Count} verified, {unverified.Count} not verified (ignored)");
        foreach (var u in unverified)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"  not verified {u.Id ?? "(no id)"}: {string.Join("; ", u.Problems)}");
        }

        return o.ToString();
    }

    private static string Summary(TwinEvent e)
    {
        var p = e.Payload;
        return e.Type switch
        {
            TwinEventType.Described => string.Join(" ", new[] { p.Description, p.HsCode is null ? null : "HS " + p.HsCode, p.Quantity is { } q ? $"{Number(q)} {p.Unit}" : null }.Where(x => x is not null)),
            TwinEventType.OriginClaimed => $"{p.OriginKind} {p.Country}",
            TwinEventType.CustodyTransferred or TwinEventType.OwnershipTransferred => $"{p.From?.ToString() ?? "?"} -> {p.To}{(p.Quantity is { } q ? $" {Number(q)} {p.Unit}" : "")}",
            TwinEventType.Located or TwinEventType.InBondMoved => $"{p.Status} {p.Location}".Trim(),
            TwinEventType.Reading => p.Measurement is { } m ? $"{m.Name} {Number(m.Value)} {m.Unit}{(m.IsOutOfRange ? " OUT OF RANGE" : "")}" : "",
            TwinEventType.Transformed => p.Inputs is { Count: > 0 } inputs ? "from " + string.Join(", ", inputs) : p.Status ?? "",
            TwinEventType.Declared => $"{p.Status} {p.Reference} {(p.DeclaredValue is { } v ? Number(v) + " " + p.Currency : "")}".Trim(),
            _ => "",
        };
    }

    private static string ToJson(TwinState twin, int read, List<ReceivedCredential> unverified)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("id", twin.Id);
            w.WriteStartObject("what");
            w.WriteString("description", twin.Description);
            WriteStrings(w, "descriptions", twin.Descriptions);
            WriteStrings(w, "hsCodes", twin.HsCodes);
            if (twin.Quantity is { } quantity)
            {
                w.WriteNumber("quantity", quantity);
                w.WriteString("unit", twin.Unit);
            }

            w.WriteStartObject("attributes");
            foreach (var (name, value) in twin.Attributes)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("origins");
            foreach (var c in twin.Origins)
            {
                w.WriteStartObject();
                w.WriteString("kind", c.Kind);
                w.WriteString("country", c.Country);
                w.WriteString("claimant", c.Claimant);
                w.WriteString("event", c.EventId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteStrings(w, "inputs", twin.Inputs);
            w.WriteEndObject();

            w.WriteStartObject("who");
            WriteParty(w, "owner", twin.Owner);
            WriteParty(w, "custodian", twin.Custodian);
            WriteChain(w, "ownershipChain", twin.OwnershipChain);
            WriteChain(w, "custodyChain", twin.CustodyChain);
            w.WriteStartObject("holdings");
            foreach (var (party, balance) in twin.Holdings)
            {
                w.WriteNumber(party, balance);
            }

            w.WriteEndObject();
            WriteStrings(w, "issuers", twin.Issuers);
            w.WriteEndObject();

            w.WriteStartObject("where");
            w.WriteString("location", twin.Location?.ToString());
            w.WriteString("status", twin.LocationStatus);
            if (twin.InBond is { } bond)
            {
                w.WriteStartObject("inBond");
                w.WriteString("reference", bond.Reference);
                w.WriteString("status", bond.Status);
                w.WriteString("location", bond.Location?.ToString());
                w.WriteString("time", Time(bond.Time));
                w.WriteEndObject();
            }

            w.WriteNumber("readings", twin.Readings.Count);
            w.WriteEndObject();

            w.WriteStartArray("issues");
            foreach (var issue in twin.Issues)
            {
                w.WriteStartObject();
                w.WriteString("code", issue.Code);
                w.WriteString("message", issue.Message);
                WriteStrings(w, "events", issue.EventIds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("timeline");
            foreach (var e in twin.Timeline)
            {
                TwinEventJson.Write(w, e);
            }

            w.WriteEndArray();
            w.WriteStartObject("credentials");
            w.WriteNumber("read", read);
            w.WriteNumber("verified", read - unverified.Count);
            w.WriteStartArray("notVerified");
            foreach (var u in unverified)
            {
                w.WriteStartObject();
                w.WriteString("id", u.Id);
                WriteStrings(w, "problems", u.Problems);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteChain(Utf8JsonWriter w, string name, IReadOnlyList<TwinTransfer> chain)
    {
        w.WriteStartArray(name);
        foreach (var t in chain)
        {
            w.WriteStartObject();
            WriteParty(w, "from", t.From);
            WriteParty(w, "to", t.To);
            if (t.Quantity is { } q)
            {
                w.WriteNumber("quantity", q);
                w.WriteString("unit", t.Unit);
            }

            w.WriteString("time", Time(t.Time));
            w.WriteString("event", t.EventId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteParty(Utf8JsonWriter w, string name, TwinParty? party)
    {
        if (party is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("id", party.Id);
        w.WriteString("name", party.Name);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
