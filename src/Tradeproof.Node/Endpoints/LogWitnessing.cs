using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tradeproof.Cryptography;
using Tradeproof.Customs.Messages;
using Tradeproof.Dids;
using Tradeproof.Storage;
using Tradeproof.Transparency;

namespace Tradeproof.Node;

/// <summary>
/// A partner node of the transparency log, found by its did:web (the node's DID, e.g. <c>did:web:customs.example</c>):
/// its log key is <c>#key-1</c> of that DID document, its log origin <c>HOST[:PORT]/log</c> and its witness name
/// <c>HOST[:PORT]/witness</c>. <see cref="ClientId"/>/<see cref="ClientSecret"/> are the OAuth client credentials this
/// node holds at the partner's node (scope <c>witness:log</c>), needed to push our checkpoints to it; without them we
/// only witness the partner's log (we accept its checkpoints), it does not witness ours.
/// </summary>
/// <param name="Did">The partner node's did:web.</param>
/// <param name="ClientId">Our client at the partner's node, or null.</param>
/// <param name="ClientSecret">Its secret, or null.</param>
public sealed record LogPartner(string Did, string? ClientId, string? ClientSecret);

/// <summary>A partner resolved through its DID document.</summary>
/// <param name="Partner">The configured partner.</param>
/// <param name="BaseUrl">The partner node's base URL (HTTPS, or HTTP on an allowlisted loopback host).</param>
/// <param name="Log">Its log's checkpoint verifier (name = origin).</param>
/// <param name="Witness">Its cosignature verifier (name = <c>HOST[:PORT]/witness</c>).</param>
public sealed record ResolvedLogPartner(LogPartner Partner, Uri BaseUrl, NoteVerifier Log, NoteVerifier Witness);

/// <summary>
/// The node's log partners (kept sealed in the store as a document of the node tenant: client secrets are encrypted at
/// rest like tenant keys), and their resolution by did:web.
/// </summary>
internal static class LogPartners
{
    /// <summary>The document kind (sealed by the store).</summary>
    public const string Kind = CustomsDocumentKinds.LogPartners;

    public static async ValueTask<IReadOnlyList<LogPartner>> ListAsync(NodeServices services, CancellationToken cancellationToken)
    {
        var record = await services.Store.Customs.GetDocumentAsync(NodeIdentity.NodeTenantId, Kind, null, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(record.Content);
        return [.. document.RootElement.GetProperty("partners").EnumerateArray().Select(p => new LogPartner(Str(p, "did")!, Str(p, "clientId"), Str(p, "clientSecret")))];
    }

    /// <summary>Adds or replaces (same DID) a partner; <paramref name="remove"/> drops it instead.</summary>
    public static async ValueTask SaveAsync(NodeServices services, LogPartner partner, bool remove, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var latest = await services.Store.Customs.GetDocumentAsync(NodeIdentity.NodeTenantId, Kind, null, cancellationToken).ConfigureAwait(false);
            var list = (await ListAsync(services, cancellationToken).ConfigureAwait(false)).Where(p => p.Did != partner.Did).ToList();
            if (!remove)
            {
                list.Add(partner);
            }

            var json = Customs.CustomsServices.Json(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("partners");
                foreach (var p in list)
                {
                    w.WriteStartObject();
                    w.WriteString("did", p.Did);
                    if (p.ClientId is not null)
                    {
                        w.WriteString("clientId", p.ClientId);
                        w.WriteString("clientSecret", p.ClientSecret);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            if (await services.Store.Customs.SaveDocumentAsync(NodeIdentity.NodeTenantId, Kind, latest?.Version ?? 0, json, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new StoreException(StoreErrorKind.ConstraintViolation, "The log partners kept changing under the save.");
    }

    /// <summary>The <c>HOST[:PORT]</c> a did:web names (the log origin's and witness name's prefix).</summary>
    /// <exception cref="ArgumentException">Not a did:web of a node (a host, an optional port, no path).</exception>
    public static string Authority(string did)
    {
        if (!Did.TryParse(did, out var parsed) || parsed.Method != "web" || parsed.MethodSpecificId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{did}' is not the did:web of a node (did:web:HOST or did:web:HOST%3APORT, no path).");
        }

        return Uri.UnescapeDataString(parsed.MethodSpecificId).ToLowerInvariant();
    }

    /// <summary>
    /// Resolves a partner: its DID document through the node's resolver (this node's own DIDs from the store, other hosts
    /// over HTTPS, or over HTTP when the host is on the loopback allowlist), and its Ed25519 <c>#key-1</c>.
    /// </summary>
    /// <returns>The partner, or the reason it cannot be resolved.</returns>
    public static async ValueTask<(ResolvedLogPartner? Partner, string? Error)> ResolveAsync(NodeServices services, LogPartner partner, CancellationToken cancellationToken)
    {
        var authority = Authority(partner.Did);
        var resolution = await services.Resolver.ResolveAsync(partner.Did, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (resolution.DidDocument is not { } document)
        {
            return (null, $"The partner's DID {partner.Did} does not resolve: {resolution.DidResolutionMetadata.Error} {resolution.DidResolutionMetadata.ErrorMessage}");
        }

        var method = document.VerificationMethod?.FirstOrDefault(m => m.Id.EndsWith("#key-1", StringComparison.Ordinal) && m.PublicKeyMultibase is not null);
        PublicKey? key = null;
        try
        {
            key = method is null ? null : PublicKey.FromMultibase(method.PublicKeyMultibase!);
        }
        catch (KeyFormatException)
        {
            // Refused below.
        }

        if (key is not { Type: KeyType.Ed25519 })
        {
            return (null, $"The DID document of {partner.Did} has no Ed25519 #key-1 (the node's log key).");
        }

        var host = authority.Split(':')[0];
        var scheme = services.Options.LoopbackDidWebHosts.Contains(host, StringComparer.OrdinalIgnoreCase) ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        return (new ResolvedLogPartner(partner, new Uri(scheme + "://" + authority), new NoteVerifier(authority + "/log", NoteSignatureType.Ed25519, key),
            new NoteVerifier(authority + "/witness", NoteSignatureType.Cosignature, key)), null);
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>
/// Pushes the node's signed checkpoints to its partner witnesses (<see cref="LogPartners"/> with client credentials),
/// after every new checkpoint and on a schedule (<see cref="NodeOptions.LogCheckpointInterval"/>, or every minute when
/// checkpoints are only signed on demand): <c>POST {partner}/log/witness</c> with the checkpoint, the size the witness
/// holds (<c>oldSize</c>) and the consistency proof from it, a bearer token from the partner's <c>/oauth/token</c>. The
/// answer (a C2SP cosignature line) is verified with the partner's key and kept with the checkpoint, so
/// <c>GET /log/checkpoint</c> shows it. A witness holding another size answers 409 <c>log-size-mismatch</c> with its
/// size and root: when our tree has that root at that size, the proof is made from there at once; otherwise, as on
/// 409 <c>log-fork</c>, the fork is logged as an error and retried with backoff (the operator must look). Failures are
/// retried with exponential backoff (250 ms doubling to 5 minutes, never given up).
/// The push state of each partner (the size it holds, failures, the next attempt, the last error, a fork refusal) is
/// kept in the store (<see cref="IWitnessStateStore"/>): after a restart the node neither pushes again what a witness
/// has cosigned nor forgets a backoff or a refusal.
/// </summary>
internal sealed class LogWitnessing : BackgroundService
{
    private readonly NodeServices _services;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly DeliveryBackoff _backoff = new() { MaxAttempts = int.MaxValue };

    public LogWitnessing(NodeServices services, ILogger logger)
    {
        _services = services;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>A checkpoint was signed (or a partner added): push now.</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _services.Options.LogCheckpointInterval > TimeSpan.Zero ? _services.Options.LogCheckpointInterval : TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                var next = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (next is { } due)
                {
                    var until = due - _services.Time.GetUtcNow();
                    wait = until < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : until < wait ? until : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreException e)
            {
                _logger.LogError(e, "Log witnessing pass failed (store)");
                wait = TimeSpan.FromSeconds(1);
            }

            await WaitAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass: pushes the latest checkpoint to every due partner that has not cosigned it; the next retry time, if any.</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var latest = await _services.Store.Log.GetLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        DateTimeOffset? next = null;
        var store = _services.Store.Witnessing;
        var states = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Partner, StringComparer.Ordinal);
        foreach (var partner in (await LogPartners.ListAsync(_services, cancellationToken).ConfigureAwait(false)).Where(p => p.ClientId is not null))
        {
            var state = states.GetValueOrDefault(partner.Did) ?? new WitnessPushRecord(partner.Did, null, 0, DateTimeOffset.MinValue, null, false);
            if (state.WitnessedSize == latest.Size && state.LastError is null)
            {
                continue;
            }

            if (state.NextAttemptAt > _services.Time.GetUtcNow())
            {
                next = next is null || state.NextAttemptAt < next ? state.NextAttemptAt : next;
                continue;
            }

            string? error;
            var refused = false;
            var push = new PushProgress(state.WitnessedSize);
            try
            {
                (error, refused) = await PushAsync(partner, latest, push, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                error = "The partner's node could not be reached: " + e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = "The partner's node did not answer in time.";
            }
            catch (JsonException e)
            {
                error = "The partner's node answered malformed JSON: " + e.Message;
            }

            state = state with { WitnessedSize = push.WitnessedSize };
            if (error is null)
            {
                await store.SaveAsync(state with { Failures = 0, LastError = null, Refused = false, NextAttemptAt = DateTimeOffset.MinValue }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var failures = state.Failures + 1;
            var at = _services.Time.GetUtcNow() + _backoff.After(failures)!.Value;
            await store.SaveAsync(state with { Failures = failures, LastError = error, Refused = refused, NextAttemptAt = at }, cancellationToken).ConfigureAwait(false);
            next = next is null || at < next ? at : next;
            if (refused)
            {
                _logger.LogError("Witness {Partner} refused our log checkpoint of {Size} leaves as a fork: {Error}", partner.Did, latest.Size, error);
            }
            else
            {
                _logger.LogWarning("Pushing our log checkpoint of {Size} leaves to witness {Partner} failed (attempt {Attempt}): {Error}", latest.Size, partner.Did, failures, error);
            }
        }

        return next;
    }

    // (null, false) when cosigned and kept; else why not, and whether the witness refused it as a fork.
    private async Task<(string? Error, bool Refused)> PushAsync(LogPartner partner, StoredCheckpoint latest, PushProgress push, CancellationToken cancellationToken)
    {
        var (resolved, resolveError) = await LogPartners.ResolveAsync(_services, partner, cancellationToken).ConfigureAwait(false);
        if (resolved is null)
        {
            return (resolveError, false);
        }

        var token = await TokenAsync(resolved, cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < 2; round++)
        {
            var oldSize = push.WitnessedSize ?? 0;
            if (oldSize > latest.Size)
            {
                return ($"The witness holds a checkpoint of {oldSize} leaves of our log, larger than our latest of {latest.Size}.", true);
            }

            var proof = oldSize == 0 || oldSize == latest.Size ? [] : await _services.Store.Log.GetConsistencyProofAsync(oldSize, latest.Size, cancellationToken).ConfigureAwait(false);
            var body = CustomsJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("checkpoint", latest.Note);
                w.WriteNumber("oldSize", oldSize);
                w.WriteStartArray("proof");
                foreach (var hash in proof)
                {
                    w.WriteStringValue(Convert.ToBase64String(hash));
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(resolved.BaseUrl, "/log/witness")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (await KeepCosignatureAsync(resolved, latest, text, push, cancellationToken).ConfigureAwait(false), false);
            }

            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                return ($"POST {resolved.BaseUrl}log/witness answered {(int)response.StatusCode}: {Short(text)}", false);
            }

            using var problem = JsonDocument.Parse(text);
            var type = problem.RootElement.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            if (!type.EndsWith("/log-size-mismatch", StringComparison.Ordinal) || round > 0)
            {
                return ($"The witness refused the checkpoint ({type}): {Str(problem.RootElement, "detail")}", type.EndsWith("/log-fork", StringComparison.Ordinal) || round > 0);
            }

            // The witness holds another checkpoint of ours: prove from it when our tree has that root at that size.
            var size = problem.RootElement.GetProperty("witnessedSize").GetInt64();
            var root = Str(problem.RootElement, "witnessedRootHash");
            var ours = size > 0 && size <= latest.Size ? await _services.Store.Log.GetRootAsync(size, cancellationToken).ConfigureAwait(false) : null;
            if (size > latest.Size || (ours is not null && (root is null || !Convert.FromBase64String(root).AsSpan().SequenceEqual(ours))))
            {
                return ($"The witness holds a checkpoint of our log ({size} leaves, root {root}) that our tree does not contain.", true);
            }

            push.WitnessedSize = size;
        }

        return ("The witness kept changing its view of our log.", false);
    }

    private async Task<string?> KeepCosignatureAsync(ResolvedLogPartner partner, StoredCheckpoint latest, string line, PushProgress push, CancellationToken cancellationToken)
    {
        try
        {
            var cosigned = SignedNote.Parse(latest.Note + line.TrimEnd('\n') + "\n");
            var signature = cosigned.Verify(partner.Witness).Single();
            await _services.Store.Log.AddCosignatureAsync(latest.Size, partner.Witness.Name, signature.ToLine(), cancellationToken).ConfigureAwait(false);
            push.WitnessedSize = latest.Size;
            return null;
        }
        catch (TransparencyException e)
        {
            return $"The witness's answer is not a valid cosignature of our checkpoint by its key: {e.Message}";
        }
        catch (InvalidOperationException)
        {
            return "The witness's answer holds more than one cosignature line.";
        }
    }

    private async Task<string> TokenAsync(ResolvedLogPartner partner, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = partner.Partner.ClientId!,
            ["client_secret"] = partner.Partner.ClientSecret ?? string.Empty,
        });
        using var response = await _http.PostAsync(new Uri(partner.BaseUrl, "/oauth/token"), form, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The token endpoint of {partner.BaseUrl} answered {(int)response.StatusCode}: {Short(text)}");
        }

        using var parsed = JsonDocument.Parse(text);
        return parsed.RootElement.GetProperty("access_token").GetString()!;
    }

    // What one push learnt of the size the witness holds (saved with the outcome).
    private sealed class PushProgress(long? witnessedSize)
    {
        public long? WitnessedSize { get; set; } = witnessedSize;
    }

    private Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Customs.CustomsServices.WaitAsync(_wake, timeout, _services.Time, cancellationToken);

    private static byte[] CustomsJson(Action<Utf8JsonWriter> write) => Customs.CustomsServices.Json(write);

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Short(string text) => text.Length > 500 ? text[..500] : text;

    public override void Dispose()
    {
        _http.Dispose();
        _wake.Dispose();
        base.Dispose();
    }
}
