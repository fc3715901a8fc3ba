using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Tradeproof.Cryptography;
using Tradeproof.Node;
using Tradeproof.Storage;
using Tradeproof.Transparency;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof log verify --node URL</c> (a node's transparency log seen from outside: the checkpoint's signature
/// against the node's DID key, inclusion of given leaves, consistency with a checkpoint saved before) and
/// <c>tradeproof log audit</c> (the node's own store: every leaf, stored subtree, root and checkpoint recomputed).
/// Exit 0 when everything checks, 1 when something does not (or the input is wrong).
/// </summary>
internal static class LogCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var log = new Command("log", "The transparency log: verify a node's log from outside, or audit a node's store.");
        log.Add(CreateVerify(console));
        log.Add(CreateAudit(console));
        return [log];
    }

    // tradeproof log verify --node URL [--index N ...] [--previous FILE] [--save FILE] [--allow-network] [--json]
    private static Command CreateVerify(CliConsole console)
    {
        var node = new Option<string>("--node") { HelpName = "URL", Description = "The node's base URL (e.g. http://127.0.0.1:5080).", Required = true };
        var indexes = new Option<long[]>("--index") { HelpName = "N", Description = "Leaf indexes to prove included in the checkpoint (repeatable; e.g. a Tradeproof-Log-Index header).", AllowMultipleArgumentsPerToken = true };
        var previous = new Option<string?>("--previous") { HelpName = "FILE", Description = "A checkpoint saved before (--save): the new one must be consistent with it." };
        var save = new Option<string?>("--save") { HelpName = "FILE", Description = "Save the verified checkpoint here (for the next --previous)." };
        var allowNetwork = new Option<bool>("--allow-network") { Description = "Allow a node that is not on a loopback address." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (checkpoint, each leaf, consistency, first mismatch); exit codes unchanged." };
        var command = new Command("verify", "Fetch a node's checkpoint, verify its signature with the node's DID key (#key-1), prove leaves included and the log consistent with a saved checkpoint.")
        {
            node, indexes, previous, save, allowNetwork, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () => Task.Run(() => VerifyAsync(console, parse.GetValue(node)!, parse.GetValue(indexes) ?? [], parse.GetValue(previous), parse.GetValue(save), parse.GetValue(allowNetwork), parse.GetValue(json))).GetAwaiter().GetResult()));
        return command;
    }

    private static async Task<int> VerifyAsync(CliConsole console, string nodeUrl, long[] indexes, string? previousFile, string? saveFile, bool allowNetwork, bool json)
    {
        using var client = LogNodeClient.Create(nodeUrl, allowNetwork);
        using var didDocument = await client.GetJsonAsync("/.well-known/did.json").ConfigureAwait(false);
        var key = NodeKey(didDocument.RootElement);
        var note = await client.GetTextAsync("/log/checkpoint").ConfigureAwait(false);
        var origin = Checkpoint.Parse(SignedNote.Parse(note).Text).Origin;
        var verifier = new NoteVerifier(origin, NoteSignatureType.Ed25519, key);
        var (_, checkpoint) = Checkpoint.ParseAndVerify(note, verifier);
        var text = new List<string> { string.Create(CultureInfo.InvariantCulture, $"checkpoint {origin} size {checkpoint.Size} root {Convert.ToBase64String(checkpoint.RootHash)}: signature verified with the node's key") };
        var leaves = new List<LeafCheck>();
        foreach (var index in indexes)
        {
            if (index < 0 || index >= checkpoint.Size)
            {
                leaves.Add(new LeafCheck(index, null, null, false, string.Create(CultureInfo.InvariantCulture, $"not in the checkpoint (size {checkpoint.Size})")));
                text.Add(string.Create(CultureInfo.InvariantCulture, $"leaf {index}: NOT in the checkpoint (size {checkpoint.Size})"));
                continue;
            }

            using var entries = await client.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/log/entries?start={index}&end={index + 1}")).ConfigureAwait(false);
            var entry = entries.RootElement.GetProperty("entries").EnumerateArray().Single();
            var leafHash = MerkleHash.Leaf(Convert.FromBase64String(entry.GetProperty("data").GetString()!));
            using var proof = await client.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/log/proofs/inclusion?index={index}&size={checkpoint.Size}")).ConfigureAwait(false);
            var path = proof.RootElement.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            var included = MerkleVerification.VerifyInclusion(index, checkpoint.Size, path, leafHash, checkpoint.RootHash);
            var kind = entry.GetProperty("kind").GetString();
            leaves.Add(new LeafCheck(index, kind, Convert.ToBase64String(leafHash), included, included ? null : "the inclusion proof does not lead to the checkpoint's root"));
            text.Add(string.Create(CultureInfo.InvariantCulture,
                $"leaf {index} ({kind}, leaf hash {Convert.ToBase64String(leafHash)}): {(included ? "included" : "NOT proven included")}"));
        }

        (long Size, bool Consistent)? consistency = null;
        if (previousFile is not null)
        {
            var (_, old) = Checkpoint.ParseAndVerify(await File.ReadAllTextAsync(previousFile).ConfigureAwait(false), verifier);
            bool consistent;
            if (old.Size > checkpoint.Size)
            {
                consistent = false;
            }
            else
            {
                using var proof = await client.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/log/proofs/consistency?from={old.Size}&to={checkpoint.Size}")).ConfigureAwait(false);
                var path = proof.RootElement.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
                consistent = MerkleVerification.VerifyConsistency(old.Size, checkpoint.Size, path, old.RootHash, checkpoint.RootHash);
            }

            consistency = (old.Size, consistent);
            text.Add(string.Create(CultureInfo.InvariantCulture,
                $"consistent with {previousFile} (size {old.Size}): {(consistent ? "yes" : "NO: the log was rewritten or forked")}"));
        }

        // The first mismatch: the lowest leaf that failed, else a failed consistency check (no single leaf to name).
        var firstLeaf = leaves.Where(l => !l.Included).OrderBy(l => l.Index).FirstOrDefault();
        (long? Index, string Reason)? first = firstLeaf is not null
            ? (firstLeaf.Index, firstLeaf.Reason!)
            : consistency is { Consistent: false } c ? (null, string.Create(CultureInfo.InvariantCulture, $"not consistent with the saved checkpoint of size {c.Size}: the log was rewritten or forked")) : null;
        var saved = false;
        if (saveFile is not null && first is null)
        {
            AtomicFile.WriteText(saveFile, note);
            saved = true;
            text.Add("saved the checkpoint to " + saveFile);
        }

        if (json)
        {
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("outcome", first is null ? "verified" : "failed");
                w.WriteStartObject("checkpoint");
                w.WriteString("origin", origin);
                w.WriteNumber("size", checkpoint.Size);
                w.WriteString("rootHash", Convert.ToBase64String(checkpoint.RootHash));
                w.WriteBoolean("signatureVerified", true);
                w.WriteEndObject();
                w.WriteNumber("checkedLeaves", leaves.Count);
                w.WriteStartArray("leaves");
                foreach (var leaf in leaves)
                {
                    w.WriteStartObject();
                    w.WriteNumber("index", leaf.Index);
                    w.WriteString("kind", leaf.Kind);
                    w.WriteString("leafHash", leaf.LeafHash);
                    w.WriteBoolean("included", leaf.Included);
                    if (leaf.Reason is not null)
                    {
                        w.WriteString("reason", leaf.Reason);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (consistency is { } k)
                {
                    w.WriteStartObject("consistency");
                    w.WriteString("previous", previousFile);
                    w.WriteNumber("previousSize", k.Size);
                    w.WriteBoolean("consistent", k.Consistent);
                    w.WriteEndObject();
                }

                WriteFirstMismatch(w, first);
                w.WriteString("saved", saved ? saveFile : null);
            }));
        }
        else
        {
            text.ForEach(console.Output.WriteLine);
        }

        return first is null ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private sealed record LeafCheck(long Index, string? Kind, string? LeafHash, bool Included, string? Reason);

    // tradeproof log audit [--config FILE] [--data DIR] [--postgres CONNSTR] [--public-url URL] [--json]
    private static Command CreateAudit(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (leaves, checkpoints, first mismatching index and its reason, every problem); exit codes unchanged." };
        var command = new Command("audit", "Recompute every leaf, subtree and root of the node's log from its store and compare with every signed checkpoint; report the first mismatching index.") { json };
        store.AddTo(command);
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var report = Task.Run(async () =>
            {
                await using var opened = await NodeStoreFactory.OpenAsync(options, TimeProvider.System, SystemRandomSource.Instance).ConfigureAwait(false);
                return await AuditAsync(opened).ConfigureAwait(false);
            }).GetAwaiter().GetResult();
            WriteAudit(console, report, parse.GetValue(json));
            return report.Ok ? ExitCodes.Success : ExitCodes.InvalidInput;
        }));
        return command;
    }

    /// <summary>The audit of an opened store's log, checkpoints verified with the node's own key (#key-1) when it has one.</summary>
    internal static async Task<LogAuditReport> AuditAsync(ITradeproofStore store)
    {
        var keys = await TenantKeys.PublicKeysAsync(store, NodeIdentity.NodeTenantId, CancellationToken.None).ConfigureAwait(false);
        var latest = await store.Log.GetLatestCheckpointAsync().ConfigureAwait(false);
        NoteVerifier? verifier = null;
        if (keys.Count > 0 && latest is not null)
        {
            verifier = new NoteVerifier(Checkpoint.Parse(SignedNote.Parse(latest.Note).Text).Origin, NoteSignatureType.Ed25519, keys[0]);
        }

        return await TransparencyLogAudit.RunAsync(store.Log, verifier).ConfigureAwait(false);
    }

    /// <summary>Prints an audit's problems and verdict, or (with <paramref name="json"/>) its JSON members.</summary>
    internal static void WriteAudit(CliConsole console, LogAuditReport report, bool json)
    {
        if (json)
        {
            console.Output.WriteLine(CommandOutput.Json(w => WriteAuditMembers(w, report)));
            return;
        }

        foreach (var problem in report.Problems)
        {
            console.Output.WriteLine("problem: " + problem);
        }

        console.Output.WriteLine(report.Ok
            ? string.Create(CultureInfo.InvariantCulture, $"audit passed: {report.Leaves} leaves, {report.Checkpoints} signed checkpoints, every root recomputed")
            : string.Create(CultureInfo.InvariantCulture, $"audit FAILED: first mismatching index {report.FirstMismatchIndex?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} ({report.Problems.Count} problems, {report.Leaves} leaves)"));
    }

    /// <summary>The members of an audit's JSON: outcome, leaves, checkpoints, firstMismatch, problems.</summary>
    internal static void WriteAuditMembers(Utf8JsonWriter w, LogAuditReport report)
    {
        w.WriteString("outcome", report.Ok ? "passed" : "failed");
        w.WriteNumber("checkedLeaves", report.Leaves);
        w.WriteNumber("checkpoints", report.Checkpoints);
        WriteFirstMismatch(w, report.Ok ? null : (report.FirstMismatchIndex, report.FirstMismatchReason ?? report.Problems[0]));
        w.WriteStartArray("problems");
        foreach (var problem in report.Problems)
        {
            w.WriteStringValue(problem);
        }

        w.WriteEndArray();
    }

    private static void WriteFirstMismatch(Utf8JsonWriter w, (long? Index, string Reason)? first)
    {
        if (first is not { } f)
        {
            w.WriteNull("firstMismatch");
            return;
        }

        w.WriteStartObject("firstMismatch");
        if (f.Index is { } index)
        {
            w.WriteNumber("index", index);
        }
        else
        {
            w.WriteNull("index");
        }

        w.WriteString("reason", f.Reason);
        w.WriteEndObject();
    }

    /// <summary>The Ed25519 key <c>#key-1</c> of a node's DID document (the node's log key).</summary>
    private static PublicKey NodeKey(JsonElement document)
    {
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("verificationMethod", out var methods) && methods.ValueKind == JsonValueKind.Array)
        {
            foreach (var method in methods.EnumerateArray())
            {
                if (method.TryGetProperty("id", out var id) && id.GetString() is { } text && text.EndsWith("#" + TenantKeys.Ed25519Fragment, StringComparison.Ordinal)
                    && method.TryGetProperty("publicKeyMultibase", out var multibase) && multibase.ValueKind == JsonValueKind.String)
                {
                    var key = PublicKey.FromMultibase(multibase.GetString()!);
                    return key.Type == KeyType.Ed25519 ? key : throw new CliInputException("the node's #key-1 is not an Ed25519 key");
                }
            }
        }

        throw new CliInputException("the node's DID document has no #key-1 with a publicKeyMultibase");
    }

    /// <summary>GETs from a node: loopback unless allowed, http(s), no redirects, a timeout and a size cap.</summary>
    private sealed class LogNodeClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly Uri _base;

        private LogNodeClient(Uri baseUri)
        {
            _base = baseUri;
#pragma warning disable CA2000 // The handler is owned by the client (disposeHandler: true).
            _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) }, disposeHandler: true)
            {
                Timeout = TimeSpan.FromSeconds(30),
                MaxResponseContentBufferSize = 4 * 1024 * 1024,
            };
#pragma warning restore CA2000
        }

        public static LogNodeClient Create(string nodeUrl, bool allowNetwork)
        {
            if (!Uri.TryCreate(nodeUrl.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new CliInputException($"--node must be an http or https URL without query or credentials: {nodeUrl}");
            }

            var loopback = uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            return loopback || allowNetwork ? new LogNodeClient(uri) : throw new CliInputException($"{uri.Host} is not a loopback address: give --allow-network to verify a node elsewhere");
        }

        public async Task<string> GetTextAsync(string path)
        {
            using var response = await _http.GetAsync(new Uri(_base, _base.AbsolutePath.TrimEnd('/') + path)).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.IsSuccessStatusCode ? text : throw new CliInputException($"the node answered {(int)response.StatusCode} to {path}: {text}");
        }

        public async Task<JsonDocument> GetJsonAsync(string path)
        {
            var text = await GetTextAsync(path).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                throw new CliInputException($"the node's answer to {path} is not JSON: {e.Message}");
            }
        }

        public void Dispose() => _http.Dispose();
    }
}
