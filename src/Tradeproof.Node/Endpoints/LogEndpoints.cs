using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Transparency;

namespace Tradeproof.Node;

/// <summary>
/// The transparency log (issue #8): <c>GET /log/checkpoint</c> (the latest signed checkpoint with its cosignatures,
/// a C2SP signed note), <c>POST /log/checkpoint</c> (sign one now; scope <c>operate:log</c>),
/// <c>GET /log/proofs/inclusion?index=&amp;size=</c> (or <c>?hash=</c>), <c>GET /log/proofs/consistency?from=&amp;to=</c>,
/// <c>GET /log/entries?start=&amp;end=</c> (JSON, at most <see cref="MaxEntriesPerPage"/>) and <c>POST /log/witness</c>
/// (a partner log's checkpoint and consistency proof: verified against the last one kept, co-signed, or refused as a fork).
/// </summary>
internal static class LogEndpoints
{
    /// <summary>The largest page of <c>GET /log/entries</c>.</summary>
    public const int MaxEntriesPerPage = 1000;

    /// <summary>The response header carrying the leaf index(es) of a write.</summary>
    public const string LogIndexHeader = "Tradeproof-Log-Index";

    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/log/checkpoint", GetCheckpointAsync);
        app.MapPost("/log/checkpoint", PostCheckpointAsync);
        app.MapGet("/log/proofs/inclusion", InclusionAsync);
        app.MapGet("/log/proofs/consistency", ConsistencyAsync);
        app.MapGet("/log/entries", EntriesAsync);
        app.MapPost("/log/witness", WitnessAsync);
        app.MapGet("/log/partners", GetPartnersAsync);
        app.MapPost("/log/partners", PostPartnerAsync);
        app.MapDelete("/log/partners", DeletePartnerAsync);

        // Pushing our checkpoints to the partner witnesses: started and stopped with the node.
        var services = app.ServiceProvider.GetRequiredService<NodeServices>();
        var witnessing = new LogWitnessing(services, app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Tradeproof.Log"));
        LogCheckpoints.Witnessing.AddOrUpdate(services, witnessing);
        var lifetime = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() => witnessing.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
        lifetime.ApplicationStopping.Register(() =>
        {
            witnessing.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            witnessing.Dispose();
        });
    }

    /// <summary>
    /// When a write succeeds (2xx), sets <see cref="LogIndexHeader"/> to the indexes of the leaves recording it, just
    /// before the response starts (after the commit). The record is <paramref name="recordId"/>, or else the last
    /// segment of the response's <c>Location</c> (an issued credential's URL; an idempotent replay sends none, so it
    /// carries no index).
    /// </summary>
    public static void AddLogIndexOnStarting(HttpContext context, LogEntryKind kind, string tenantId, string? recordId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(async () =>
        {
            var id = recordId;
            if (id is null && context.Response.Headers.Location.ToString() is { Length: > 0 } location)
            {
                id = Uri.UnescapeDataString(location[(location.LastIndexOf('/') + 1)..]);
            }

            if (context.Response.StatusCode is < 200 or > 299 || string.IsNullOrEmpty(id))
            {
                return;
            }

            var indexes = await JsonResponse.Services(context).Store.Log.FindLeavesAsync(kind, tenantId, id, context.RequestAborted).ConfigureAwait(false);
            if (indexes.Count > 0)
            {
                context.Response.Headers[LogIndexHeader] = string.Join(",", indexes.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            }
        });
    }

    /// <summary>As <see cref="AddLogIndexOnStarting(HttpContext, LogEntryKind, string, string?)"/> for the record whose <c>id</c> is in <paramref name="body"/>.</summary>
    public static void AddLogIndexOnStarting(HttpContext context, LogEntryKind kind, string tenantId, JsonElement body) =>
        AddLogIndexOnStarting(context, kind, tenantId,
            body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);

    private static async Task GetCheckpointAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var latest = await services.Store.Log.GetLatestCheckpointAsync(context.RequestAborted).ConfigureAwait(false)
            ?? await LogCheckpoints.SignAsync(services, context.RequestAborted).ConfigureAwait(false);
        await WriteNoteAsync(context, 200, await LogCheckpoints.WithCosignaturesAsync(services, latest, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task PostCheckpointAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        await AuthorizeOperatorAsync(context, services).ConfigureAwait(false);
        var checkpoint = await LogCheckpoints.SignAsync(services, context.RequestAborted).ConfigureAwait(false);
        await WriteNoteAsync(context, 201, checkpoint.Note).ConfigureAwait(false);
    }

    private static async Task InclusionAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var log = services.Store.Log;
        var size = OptionalNumber(context, "size") ?? await DefaultSizeAsync(services, context.RequestAborted).ConfigureAwait(false);
        long index;
        if (context.Request.Query["hash"].ToString() is { Length: > 0 } hashText)
        {
            var hash = DecodeHash(hashText, "hash");
            index = await log.FindLeafByHashAsync(hash, context.RequestAborted).ConfigureAwait(false)
                ?? throw new ApiProblemException(ApiProblem.NotFound("No leaf of the log has this hash."));
        }
        else
        {
            index = OptionalNumber(context, "index") ?? throw new ApiProblemException(ApiProblem.BadRequest("Give 'index' (a leaf index) or 'hash' (a leaf hash)."));
        }

        var head = await log.GetTreeHeadAsync(context.RequestAborted).ConfigureAwait(false);
        if (size < 1 || size > head.Size)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"'size' must be from 1 to the log's size ({head.Size})."));
        }

        if (index >= size)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"Leaf {index} is not in the tree of {size} leaves."));
        }

        var proof = await log.GetInclusionProofAsync(index, size, context.RequestAborted).ConfigureAwait(false);
        var leaf = (await log.GetLeavesAsync(index, 1, context.RequestAborted).ConfigureAwait(false))[0];
        var root = await log.GetRootAsync(size, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteNumber("size", size);
            w.WriteString("leafHash", Convert.ToBase64String(leaf.LeafHash));
            w.WriteString("rootHash", Convert.ToBase64String(root));
            WriteHashes(w, "proof", proof);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task ConsistencyAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var log = services.Store.Log;
        var from = OptionalNumber(context, "from") ?? throw new ApiProblemException(ApiProblem.BadRequest("Give 'from' (the size of the older tree)."));
        var to = OptionalNumber(context, "to") ?? await DefaultSizeAsync(services, context.RequestAborted).ConfigureAwait(false);
        var head = await log.GetTreeHeadAsync(context.RequestAborted).ConfigureAwait(false);
        if (from > to || to > head.Size)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"Need 0 <= from <= to <= the log's size ({head.Size})."));
        }

        var proof = await log.GetConsistencyProofAsync(from, to, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("from", from);
            w.WriteNumber("to", to);
            WriteHashes(w, "proof", proof);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task EntriesAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var start = OptionalNumber(context, "start") ?? 0;
        var end = OptionalNumber(context, "end") ?? start + 100;
        if (end < start)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("'end' (exclusive) must not be below 'start'."));
        }

        var count = (int)Math.Min(end - start, MaxEntriesPerPage);
        var leaves = count == 0 ? [] : await services.Store.Log.GetLeavesAsync(start, count, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("start", start);
            w.WriteStartArray("entries");
            foreach (var leaf in leaves)
            {
                w.WriteStartObject();
                w.WriteNumber("index", leaf.Index);
                w.WriteString("kind", LogEntry.KindName(leaf.Entry.Kind));
                w.WriteString("tenantHash", Convert.ToBase64String(leaf.Entry.TenantHash));
                w.WriteString("recordHash", Convert.ToBase64String(leaf.Entry.RecordHash));
                w.WriteString("contentHash", Convert.ToBase64String(leaf.Entry.ContentHash));
                w.WriteNumber("time", leaf.Entry.TimeMilliseconds);
                w.WriteString("data", Convert.ToBase64String(leaf.Entry.Encode()));
                w.WriteString("leafHash", Convert.ToBase64String(leaf.LeafHash));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task WitnessAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var note = CredentialEndpoints.Member(root, "checkpoint", JsonValueKind.String).GetString()!;
        var proof = new List<byte[]>();
        if (root.TryGetProperty("proof", out var proofElement))
        {
            if (proofElement.ValueKind != JsonValueKind.Array || proofElement.GetArrayLength() > 64)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("'proof' is an array of at most 64 base64 hashes."));
            }

            foreach (var hash in proofElement.EnumerateArray())
            {
                proof.Add(DecodeHash(hash.ValueKind == JsonValueKind.String ? hash.GetString()! : string.Empty, "proof"));
            }
        }

        long? oldSize = null;
        if (root.TryGetProperty("oldSize", out var oldSizeElement))
        {
            oldSize = oldSizeElement.ValueKind == JsonValueKind.Number && oldSizeElement.TryGetInt64(out var n) && n >= 0
                ? n : throw new ApiProblemException(ApiProblem.BadRequest("'oldSize' is the size of the checkpoint the witness holds of this log (0: none)."));
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tradeproof.Log");
        var witnessed = await LogCheckpoints.WitnessAsync(services, note, proof, context.RequestAborted, oldSize, context.Request.Headers.Authorization.ToString(), logger).ConfigureAwait(false);
        await WriteNoteAsync(context, 200, witnessed.Cosignature.ToLine() + "\n").ConfigureAwait(false);
    }

    private static ValueTask AuthorizeOperatorAsync(HttpContext context, NodeServices services) =>
        AuthorizeAsync(services, context.Request.Headers.Authorization.ToString(), Scopes.OperateLog, context.RequestAborted);

    /// <summary>A bearer token of this node (any organisation's client) holding <paramref name="scope"/>: 401 without a valid one, 403 without the scope.</summary>
    internal static async ValueTask AuthorizeAsync(NodeServices services, string header, string scope, CancellationToken cancellationToken)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            throw new ApiProblemException(ApiProblem.Unauthorized("Send 'Authorization: Bearer TOKEN' with a token from POST /oauth/token."));
        }

        var claims = services.Tokens.Validate(header[7..].Trim(), await services.NodePublicKeyAsync(cancellationToken).ConfigureAwait(false))
            ?? throw new ApiProblemException(ApiProblem.Unauthorized("The access token is not valid (signature, type, issuer, audience or expiry)."));
        if (!claims.Scopes.Contains(scope))
        {
            throw new ApiProblemException(ApiProblem.Forbidden(scope));
        }
    }

    // GET /log/partners (operate:log): each partner, what we last witnessed of its log, and how pushing ours to it goes.
    private static async Task GetPartnersAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        await AuthorizeOperatorAsync(context, services).ConfigureAwait(false);
        var partners = await LogPartners.ListAsync(services, context.RequestAborted).ConfigureAwait(false);
        var pushes = (await services.Store.Witnessing.ListAsync(context.RequestAborted).ConfigureAwait(false)).ToDictionary(p => p.Partner, StringComparer.Ordinal);
        var seen = new List<(LogPartner Partner, PartnerCheckpoint? Seen)>();
        foreach (var partner in partners)
        {
            seen.Add((partner, await services.Store.Log.GetPartnerCheckpointAsync(LogPartners.Authority(partner.Did) + "/log", context.RequestAborted).ConfigureAwait(false)));
        }

        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("partners");
            foreach (var (partner, kept) in seen)
            {
                w.WriteStartObject();
                w.WriteString("did", partner.Did);
                w.WriteString("origin", LogPartners.Authority(partner.Did) + "/log");
                w.WriteString("witness", LogPartners.Authority(partner.Did) + "/witness");
                w.WriteBoolean("pushesTo", partner.ClientId is not null);
                if (partner.ClientId is not null)
                {
                    w.WriteString("clientId", partner.ClientId);
                }

                if (kept is not null)
                {
                    w.WriteStartObject("witnessed");
                    w.WriteNumber("size", kept.Size);
                    w.WriteString("rootHash", Convert.ToBase64String(kept.RootHash));
                    w.WriteString("updatedAt", kept.UpdatedAt);
                    w.WriteEndObject();
                }

                if (partner.ClientId is not null && pushes.TryGetValue(partner.Did, out var state))
                {
                    w.WriteStartObject("push");
                    if (state.WitnessedSize is { } size)
                    {
                        w.WriteNumber("cosignedSize", size);
                    }

                    w.WriteNumber("failures", state.Failures);
                    w.WriteBoolean("refused", state.Refused);
                    w.WriteString("lastError", state.LastError);
                    if (state.LastError is not null)
                    {
                        w.WriteString("nextAttemptAt", state.NextAttemptAt);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // POST /log/partners (operate:log): { "did", "clientId"?, "clientSecret"? } -> the partner, resolved (422 when its DID does not resolve to a node key).
    private static async Task PostPartnerAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        await AuthorizeOperatorAsync(context, services).ConfigureAwait(false);
        var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var did = CredentialEndpoints.Member(root, "did", JsonValueKind.String).GetString()!;
        string? clientId = root.TryGetProperty("clientId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        string? secret = root.TryGetProperty("clientSecret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if ((clientId is null) != (secret is null) || clientId?.Length == 0)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("Give both 'clientId' and 'clientSecret' (our client at the partner's node, to push our checkpoints), or neither."));
        }

        var partner = new LogPartner(did, clientId, secret);
        try
        {
            _ = LogPartners.Authority(did);
        }
        catch (ArgumentException e)
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("The partner is not a node's did:web.", e.Message));
        }

        var (resolved, error) = await LogPartners.ResolveAsync(services, partner, context.RequestAborted).ConfigureAwait(false);
        if (resolved is null)
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("The partner's DID does not resolve to a node's log key.", error ?? did));
        }

        await LogPartners.SaveAsync(services, partner, remove: false, context.RequestAborted).ConfigureAwait(false);
        if (await services.Store.Witnessing.GetAsync(did, context.RequestAborted).ConfigureAwait(false) is { } push)
        {
            // Configured again (new credentials, a fork looked at): push at once; what the witness holds is kept.
            await services.Store.Witnessing.SaveAsync(push with { Failures = 0, NextAttemptAt = DateTimeOffset.MinValue, Refused = false }, context.RequestAborted).ConfigureAwait(false);
        }

        LogCheckpoints.Wake(services);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("did", did);
            w.WriteString("origin", resolved.Log.Name);
            w.WriteString("vkey", resolved.Log.ToVkey());
            w.WriteString("witness", resolved.Witness.Name);
            w.WriteBoolean("pushesTo", clientId is not null);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // DELETE /log/partners?did= (operate:log): 204, or 404 when not a partner.
    private static async Task DeletePartnerAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        await AuthorizeOperatorAsync(context, services).ConfigureAwait(false);
        var did = context.Request.Query["did"].ToString();
        if ((await LogPartners.ListAsync(services, context.RequestAborted).ConfigureAwait(false)).All(p => p.Did != did))
        {
            throw new ApiProblemException(ApiProblem.NotFound($"'{did}' is not a log partner."));
        }

        await LogPartners.SaveAsync(services, new LogPartner(did, null, null), remove: true, context.RequestAborted).ConfigureAwait(false);
        _ = await services.Store.Witnessing.DeleteAsync(did, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 204;
    }

    private static async ValueTask<long> DefaultSizeAsync(NodeServices services, CancellationToken cancellationToken) =>
        (await services.Store.Log.GetLatestCheckpointAsync(cancellationToken).ConfigureAwait(false))?.Size
            ?? (await services.Store.Log.GetTreeHeadAsync(cancellationToken).ConfigureAwait(false)).Size;

    private static long? OptionalNumber(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiProblemException(ApiProblem.BadRequest($"'{name}' must be a whole number of at least 0."));
    }

    private static byte[] DecodeHash(string text, string name)
    {
        byte[]? bytes = null;
        try
        {
            bytes = text.Length == 64 ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            // Refused below.
        }

        return bytes is { Length: MerkleHash.Size } ? bytes : throw new ApiProblemException(ApiProblem.BadRequest($"'{name}' holds SHA-256 hashes (base64, or 64 hex digits)."));
    }

    private static void WriteHashes(Utf8JsonWriter w, string name, IEnumerable<byte[]> hashes)
    {
        w.WriteStartArray(name);
        foreach (var hash in hashes)
        {
            w.WriteStringValue(Convert.ToBase64String(hash));
        }

        w.WriteEndArray();
    }

    private static Task WriteNoteAsync(HttpContext context, int status, string note) =>
        JsonResponse.WriteBytesAsync(context, status, Encoding.UTF8.GetBytes(note), TransparencyLog.CheckpointMediaType);
}

/// <summary>The node's checkpoints and witnessing: the log key is the node's Ed25519 key (<c>#key-1</c> of its did:web).</summary>
internal static class LogCheckpoints
{
    /// <summary>The witnessing service of each node (woken when a checkpoint is signed).</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NodeServices, LogWitnessing> Witnessing = [];

    /// <summary>Wakes the node's witnessing service (a new checkpoint to push, or a new partner).</summary>
    public static void Wake(NodeServices services)
    {
        if (Witnessing.TryGetValue(services, out var witnessing))
        {
            witnessing.Wake();
        }
    }

    /// <summary>The log's origin (and key name): the node's host and port, then <c>/log</c>.</summary>
    public static string Origin(NodeServices services) => new Uri(services.Identity.BaseUrl).Authority + "/log";

    /// <summary>The witness's cosigner name: the node's host and port, then <c>/witness</c>.</summary>
    public static string WitnessName(NodeServices services) => new Uri(services.Identity.BaseUrl).Authority + "/witness";

    /// <summary>Signs a checkpoint of the current tree (or returns the latest when the tree has not grown).</summary>
    public static async Task<StoredCheckpoint> SignAsync(NodeServices services, CancellationToken cancellationToken)
    {
        var log = services.Store.Log;
        var head = await log.GetTreeHeadAsync(cancellationToken).ConfigureAwait(false);
        var latest = await log.GetLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (latest is not null && latest.Size >= head.Size)
        {
            return latest;
        }

        string note;
        using (var key = await NodeKeyAsync(services, cancellationToken).ConfigureAwait(false))
        {
            note = new Checkpoint(Origin(services), head.Size, head.RootHash).Sign(new NoteSigner(Origin(services), NoteSignatureType.Ed25519, key)).ToString();
        }

        // Ed25519 is deterministic: a concurrent signer of the same size wrote the same note.
        await log.AddCheckpointAsync(head.Size, head.RootHash, note, cancellationToken).ConfigureAwait(false);
        Wake(services);
        return (await log.ListCheckpointsAsync(head.Size - 1, 1, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>The checkpoint's note with the witnesses' cosignature lines kept for it.</summary>
    public static async Task<string> WithCosignaturesAsync(NodeServices services, StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var cosignatures = await services.Store.Log.ListCosignaturesAsync(checkpoint.Size, cancellationToken).ConfigureAwait(false);
        var builder = new StringBuilder(checkpoint.Note);
        foreach (var cosignature in cosignatures)
        {
            builder.Append(cosignature.SignatureLine).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Witnesses a partner log's checkpoint: the partner must be configured (a vkey in <see cref="NodeOptions.LogPartners"/>,
    /// accepted on its signature; or a node added by did:web through <c>POST /log/partners</c>, whose request must also
    /// carry a token of this node with scope <c>witness:log</c>), its signature must verify, <paramref name="oldSize"/>
    /// (when given) must be the size kept of it (else 409 <c>log-size-mismatch</c> with the size and root kept), and
    /// the checkpoint must be consistent with the last one kept (else 409 <c>log-fork</c>, logged).
    /// </summary>
    public static async Task<WitnessedCheckpoint> WitnessAsync(NodeServices services, string signedCheckpoint, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken,
        long? oldSize = null, string? authorization = null, ILogger? logger = null)
    {
        Checkpoint claimed;
        try
        {
            claimed = Checkpoint.Parse(SignedNote.Parse(signedCheckpoint).Text);
        }
        catch (TransparencyException e)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The checkpoint is not a C2SP signed checkpoint: " + e.Message));
        }

        var partner = PartnerKeys(services).FirstOrDefault(v => v.Name == claimed.Origin && v.Type == NoteSignatureType.Ed25519);
        if (partner is null)
        {
            var byDid = (await LogPartners.ListAsync(services, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => LogPartners.Authority(p.Did) + "/log" == claimed.Origin);
            if (byDid is null)
            {
                logger?.LogWarning("Refused to witness the checkpoint of unknown log {Origin}", claimed.Origin);
                throw new ApiProblemException(new ApiProblem(403, ApiProblem.TypeBase + "unknown-log", "The log is not one this node witnesses.", $"No partner log '{claimed.Origin}' is configured."));
            }

            await LogEndpoints.AuthorizeAsync(services, authorization ?? string.Empty, Scopes.WitnessLog, cancellationToken).ConfigureAwait(false);
            var (resolved, error) = await LogPartners.ResolveAsync(services, byDid, cancellationToken).ConfigureAwait(false);
            partner = resolved?.Log ?? throw new ApiProblemException(new ApiProblem(502, ApiProblem.TypeBase + "partner-unresolved", "The partner's DID document could not be read.", error));
        }

        var kept = await services.Store.Log.GetPartnerCheckpointAsync(partner.Name, cancellationToken).ConfigureAwait(false);
        var previous = kept is null ? null : new Checkpoint(kept.Origin, kept.Size, kept.RootHash);
        if (oldSize is { } expected && expected != (kept?.Size ?? 0))
        {
            throw new ApiProblemException(new ApiProblem(409, ApiProblem.TypeBase + "log-size-mismatch", "This witness holds another checkpoint of the log.",
                $"The request proves from {expected} leaves; this witness holds {kept?.Size ?? 0}.")
            {
                Extensions = w =>
                {
                    w.WriteNumber("witnessedSize", kept?.Size ?? 0);
                    if (kept is not null)
                    {
                        w.WriteString("witnessedRootHash", Convert.ToBase64String(kept.RootHash));
                    }
                },
            });
        }
        WitnessedCheckpoint witnessed;
        using (var key = await NodeKeyAsync(services, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                witnessed = new CheckpointWitness(new NoteSigner(WitnessName(services), NoteSignatureType.Cosignature, key), services.Time).Cosign(partner, previous, signedCheckpoint, proof);
            }
            catch (TransparencyException e) when (e.Error == TransparencyError.Inconsistent)
            {
                logger?.LogError("Refused a fork of partner log {Origin}: {Reason} (kept: {Size} leaves)", claimed.Origin, e.Message, previous!.Size);
                throw new ApiProblemException(new ApiProblem(409, ApiProblem.TypeBase + "log-fork", "The checkpoint is not consistent with the one witnessed before.", e.Message)
                {
                    Extensions = w =>
                    {
                        w.WriteNumber("witnessedSize", previous!.Size);
                        w.WriteString("witnessedRootHash", Convert.ToBase64String(previous.RootHash));
                    },
                });
            }
            catch (TransparencyException e)
            {
                logger?.LogWarning("Refused a checkpoint of partner log {Origin}: {Reason}", claimed.Origin, e.Message);
                throw new ApiProblemException(ApiProblem.Unprocessable("The checkpoint or its proof does not verify.", e.Message));
            }
        }

        if (!await services.Store.Log.SavePartnerCheckpointAsync(partner.Name, kept?.Size, witnessed.Checkpoint.Size, witnessed.Checkpoint.RootHash, signedCheckpoint, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiProblemException(ApiProblem.Conflict("Another checkpoint of this log was witnessed at the same time; fetch it and retry."));
        }

        return witnessed;
    }

    /// <summary>The configured partner log keys (<see cref="NodeOptions.LogPartners"/>); a malformed one is a configuration error.</summary>
    internal static IEnumerable<NoteVerifier> PartnerKeys(NodeServices services)
    {
        foreach (var vkey in services.Options.LogPartners)
        {
            NoteVerifier verifier;
            try
            {
                verifier = NoteVerifier.ParseVkey(vkey);
            }
            catch (TransparencyException e)
            {
                throw new NodeConfigurationException($"Node:LogPartners holds a malformed verifier key '{vkey}': {e.Message}");
            }

            yield return verifier;
        }
    }

    /// <summary>This node's log verifier (for clients and partners): the node's Ed25519 key, named after the origin.</summary>
    public static async Task<NoteVerifier> VerifierAsync(NodeServices services, CancellationToken cancellationToken) =>
        new(Origin(services), NoteSignatureType.Ed25519, await services.NodePublicKeyAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<KeyPair> NodeKeyAsync(NodeServices services, CancellationToken cancellationToken) =>
        await TenantKeys.GetPairAsync(services.Store, NodeIdentity.NodeTenantId, services.Identity.NodeDid + "#" + TenantKeys.Ed25519Fragment, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreException(StoreErrorKind.Corrupt, "The node has no Ed25519 signing key.");
}

/// <summary>Signs a checkpoint every <see cref="NodeOptions.LogCheckpointInterval"/> (on the node's clock) while the node runs.</summary>
internal sealed class LogCheckpointScheduler(NodeServices services) : BackgroundService
{
    // Checked when the node starts: a malformed partner key stops the start with the reason.
    private readonly int _partners = LogCheckpoints.PartnerKeys(services).Count();

    /// <summary>The number of partner logs this node witnesses.</summary>
    public int Partners => _partners;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = services.Options.LogCheckpointInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, services.Time);
        try
        {
            do
            {
                try
                {
                    await LogCheckpoints.SignAsync(services, stoppingToken).ConfigureAwait(false);
                }
                catch (StoreException)
                {
                    // The store is unavailable for now: the next tick tries again.
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping (also when it failed to start): not a fault to log.
        }
    }
}
