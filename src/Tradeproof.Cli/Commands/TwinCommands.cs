using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.Verification;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof twin show ID (--from FOLDER | --node URL --tenant T ...) [--json]</c>: the digital twin of a product, lot or shipment identifier.</summary>
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

    // tradeproof twin show ID (--from FOLDER | --node URL --tenant T (--token T | --client ID --client-secret S)) [--json]
    private static Command CreateShow(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The product, lot, heat, batch, shipment, container or in-bond identifier." };
        var from = new Option<string>("--from")
        {
            Description = "A folder of credentials (*.json: credentials, presentations or arrays of credentials). Each is verified; only verified ones feed the twin.",
        };
        var node = new Option<string>("--node") { Description = "Read the twin from a node instead (its base URL, e.g. http://127.0.0.1:5080): the events it recorded from verified presentations." };
        var tenant = new Option<string>("--tenant") { Description = "With --node: the organisation (tenant id) whose twin it is." };
        var token = new Option<string>("--token") { Description = "With --node: an access token with the read:twins scope." };
        var client = new Option<string>("--client") { Description = "With --node: an OAuth client id; its secret from --client-secret or TRADEPROOF_CLIENT_SECRET." };
        var secret = new Option<string>("--client-secret") { Description = "With --client: the client secret (prefer the TRADEPROOF_CLIENT_SECRET environment variable)." };
        var allowNetwork = new Option<bool>("--allow-network") { Description = "With --node: allow a node that is not on a loopback address." };
        var json = new Option<bool>("--json") { Description = "Write the twin as JSON (state, issues and the events of its timeline)." };
        var command = new Command("show", "Print the twin of ID: what, origin, who, where, timeline, issues; from a folder of credentials (each verified) or from a node. Exit 1 when nothing names ID.")
        {
            id, from, node, tenant, token, client, secret, allowNetwork, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(from) is null) == (result.GetResult(node) is null))
            {
                result.AddError("give either --from FOLDER or --node URL");
            }
            else if (result.GetResult(node) is not null && result.GetResult(tenant) is null)
            {
                result.AddError("--node needs --tenant");
            }
        });
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var twinId = parse.GetValue(id)!;
            var folder = parse.GetValue(from);
            var nodeUrl = parse.GetValue(node);
            if (nodeUrl is not null)
            {
                var tenantId = parse.GetValue(tenant)!;
                var (state, version) = FromNode(nodeUrl, tenantId, twinId, parse.GetValue(token), parse.GetValue(client), parse.GetValue(secret) ?? Environment.GetEnvironmentVariable("TRADEPROOF_CLIENT_SECRET"), parse.GetValue(allowNetwork));
                console.Output.Write(parse.GetValue(json) ? ToJson(state, null, [], (nodeUrl, tenantId, version)) : ToText(state, null, [], (nodeUrl, tenantId, version)));
                return ExitCodes.Success;
            }

            var received = ReadFolder(folder!);
            var index = new TwinIndex();
            index.AddCredentials(received);
            var twin = index.Find(twinId)
                ?? throw new CliInputException($"no verified credential in {folder} names '{twinId}' ({received.Count} credentials read, {received.Count(r => r.Verified)} verified)");
            var unverified = received.Where(r => !r.Verified).ToList();
            console.Output.Write(parse.GetValue(json) ? ToJson(twin, received.Count, unverified, null) : ToText(twin, received.Count, unverified, null));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Reads a twin's recorded events from a node (every page of <c>GET .../twins/{id}/events</c>) and projects them.</summary>
    private static (TwinState State, long Version) FromNode(string nodeUrl, string tenantId, string twinId, string? token, string? clientId, string? clientSecret, bool allowNetwork)
    {
        using var api = NodeApiClient.Create(nodeUrl, token, allowNetwork);
        try
        {
            api.EnsureTokenAsync(clientId, clientSecret, "read:twins", CancellationToken.None).GetAwaiter().GetResult();
            var events = new List<TwinEvent>();
            long version = 0;
            long? next = 1;
            while (next is { } from)
            {
                using var page = api.GetAsync($"/organizations/{Uri.EscapeDataString(tenantId)}/twins/{Uri.EscapeDataString(twinId)}/events?from={from}&limit=100", CancellationToken.None).GetAwaiter().GetResult();
                var root = page.RootElement;
                version = root.GetProperty("version").GetInt64();
                events.AddRange(root.GetProperty("events").EnumerateArray().Select(e => TwinEventJson.Read(e.GetProperty("event"))));
                var n = root.GetProperty("next");
                next = n.ValueKind == JsonValueKind.Number && n.GetInt64() > from ? n.GetInt64() : null;
            }

            return (TwinProjector.Project(twinId, events), version);
        }
        // An unreachable node or a timeout is not caught here: CliErrors makes it exit 69 (unavailable), like every remote verb.
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new CliInputException($"{nodeUrl} answered with JSON that is not a twin's events: {e.Message}");
        }
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

    private static string ToText(TwinState twin, int? read, List<ReceivedCredential> unverified, (string Node, string Tenant, long Version)? source)
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

        if (source is { } node)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"node: {node.Node}, organisation {node.Tenant}, stream version {node.Version}");
            return o.ToString();
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

    private static string ToJson(TwinState twin, int? read, List<ReceivedCredential> unverified, (string Node, string Tenant, long Version)? source)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            TwinStateJson.WriteMembers(w, twin);
            w.WriteStartArray("timeline");
            foreach (var e in twin.Timeline)
            {
                TwinEventJson.Write(w, e);
            }

            w.WriteEndArray();
            if (source is { } s)
            {
                w.WriteStartObject("node");
                w.WriteString("url", s.Node);
                w.WriteString("tenant", s.Tenant);
                w.WriteNumber("version", s.Version);
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartObject("credentials");
                w.WriteNumber("read", read ?? 0);
                w.WriteNumber("verified", (read ?? 0) - unverified.Count);
                w.WriteStartArray("notVerified");
                foreach (var u in unverified)
                {
                    w.WriteStartObject();
                    w.WriteString("id", u.Id);
                    w.WriteStartArray("problems");
                    foreach (var problem in u.Problems)
                    {
                        w.WriteStringValue(problem);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
