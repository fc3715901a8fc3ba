using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tradeproof.Customs.Messages;
using Tradeproof.Storage;
using Tradeproof.Trade.Presentations;
using Tradeproof.Transparency;

namespace Tradeproof.Node.Customs;

/// <summary>
/// Delivers the outbox at least once: each due message becomes a TraceablePresentation signed by the sending tenant
/// (holder) with the recipient's challenge, POSTed to the recipient's <c>/presentations</c> endpoint found through its
/// did:web DID document (the <c>TraceabilityAPI</c> service). A 202 or a 409 (the receiver has that presentation id
/// already: it deduplicates) is delivered; a refusal (a 4xx other than 408, 425 and 429, <see cref="Tradeproof.Customs.Messages.DeliveryBackoff.IsRefusal"/>:
/// a 422 when the recipient's verifier or trust registry refuses a credential, say) is given up at once (state failed,
/// the problem's title and details kept as the last error); anything else (5xx, 408, 425, 429, no connection, no answer
/// in time, a DID that does not resolve) is retried with exponential backoff (<see cref="CustomsServices.Backoff"/>),
/// until given up. Recipients on this node are reached the same way (over loopback). Outcomes are counted in the
/// metric <c>tradeproof.node.customs.deliveries</c> (tag <c>outcome</c>: delivered, retried, refused, given-up).
/// </summary>
/// <remarks>
/// Concurrency: one pass delivers to up to <see cref="Parallelism"/> recipients at once; the messages to one recipient
/// go one after another in queue order, and a failed one holds back that recipient's later messages until the next
/// pass (a filer's node must not see "may proceed" before the "hold" it replaces: our inbox keeps arrival order and
/// the provisional messages are a sequence of statuses; once a message has failed it is retried on its own backoff,
/// and the statuses carry their <c>statusTime</c>). At start the code paths of a first filing are run once
/// (<see cref="CustomsWarmUp"/>).
/// </remarks>
/// <remarks>
/// Network: only HTTPS endpoints, or HTTP to hosts of the operator's loopback allowlist
/// (<see cref="NodeOptions.LoopbackDidWebHosts"/>); no redirects. Authentication: OAuth client credentials the sending
/// tenant holds at the recipient's node (<see cref="CustomsServices.AddPartnerAsync"/>); a challenge is asked for
/// anonymously when the recipient opened verification, else with the token.
/// </remarks>
public sealed class CustomsDelivery : BackgroundService
{
    private readonly CustomsServices _customs;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly System.Diagnostics.Metrics.Counter<long>? _outcomes;

    /// <summary>Creates the service; with <paramref name="meter"/> (the node's), delivery outcomes are counted there.</summary>
    public CustomsDelivery(CustomsServices customs, ILogger logger, System.Diagnostics.Metrics.Meter? meter = null)
#pragma warning disable CA2000 // The handler is owned by the client (disposed with it).
        : this(customs, logger, meter, new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
#pragma warning restore CA2000
    {
    }

    // The HTTP handler given (tests: one that fails); the client owns it.
    internal CustomsDelivery(CustomsServices customs, ILogger logger, System.Diagnostics.Metrics.Meter? meter, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(customs);
        ArgumentNullException.ThrowIfNull(logger);
        _customs = customs;
        _logger = logger;
        _outcomes = meter?.CreateCounter<long>(OutcomesMetric, "{attempt}", "Customs outbox delivery attempts, by outcome: delivered, retried (5xx, 408, 425, 429, no connection), refused (another 4xx: given up at once), given-up (attempts exhausted).");
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>The name of the counter of delivery attempts by outcome.</summary>
    public const string OutcomesMetric = "tradeproof.node.customs.deliveries";

    /// <summary>How many messages one pass takes.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How many recipients one pass delivers to at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Whether the code paths of a first filing are run once at start (<see cref="CustomsWarmUp"/>).</summary>
    public bool WarmUp { get; init; } = true;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (WarmUp)
        {
            try
            {
                var took = await CustomsWarmUp.RunAsync(_customs, _http, stoppingToken).ConfigureAwait(false);
                _logger.LogDebug("Customs warm-up took {Milliseconds} ms", took.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Only a warm-up: whatever fails here runs (and reports) on the first real filing.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "Customs warm-up failed (the first filing pays for its code paths)");
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                var next = await _customs.Node.Store.Customs.NextDueAsync(stoppingToken).ConfigureAwait(false);
                var wait = next is null ? TimeSpan.FromSeconds(5) : next.Value - _customs.Node.Time.GetUtcNow();
                wait = wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : wait;
                await _customs.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a store hiccup: log and try again shortly.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "Customs delivery pass failed");
                await Task.Delay(TimeSpan.FromSeconds(1), _customs.Node.Time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One pass: delivers every due message, up to <see cref="Parallelism"/> recipients at once, each recipient's in
    /// queue order (stopping at its first failure); returns how many were delivered.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var due = await _customs.Node.Store.Customs.DueAsync(_customs.Node.Time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
        var byRecipient = due.GroupBy(d => d.Message.Recipient, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(byRecipient, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken }, async (messages, ct) =>
        {
            foreach (var item in messages)
            {
                bool sent, marked;
                try
                {
                    (sent, marked) = await DeliverOneAsync(item, ct).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // One recipient's failure must not cancel the others' deliveries: logged, its queue waits for the next pass.
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    _logger.LogError(e, "Delivery of {Message} to {Recipient} failed unexpectedly; the message stays as it was", item.Message.Id, item.Message.Recipient);
                    return;
                }

                if (!sent)
                {
                    return;
                }

                if (marked)
                {
                    _ = Interlocked.Increment(ref delivered);
                }
            }
        }).ConfigureAwait(false);
        return delivered;
    }

    // One message: (the recipient took it, it was marked delivered here); a refusal is given up at once, any other
    // failure recorded with its backoff.
    internal async Task<(bool Sent, bool Marked)> DeliverOneAsync(DueOutboxMessage item, CancellationToken cancellationToken)
    {
        string? error;
        byte[]? sent = null;
        int? refusedWith = null;
        var invalid = false;
        try
        {
            (error, sent, refusedWith) = await DeliverAsync(item.TenantId, item.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status && DeliveryBackoff.IsRefusal((int)status))
        {
            (error, refusedWith) = (e.Message, (int)status);
        }
        catch (HttpRequestException e)
        {
            error = "The recipient's node could not be reached: " + e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "The recipient's node did not answer in time.";
        }
        catch (Exception e) when (e is PresentationContentException or Credentials.DataIntegrity.ProofTransformException)
        {
            // The message itself cannot be sent (its content does not make a valid traceable presentation, or its
            // signing transform refuses it, e.g. a term no context defines): no attempt would do better, and it must not
            // hold back the pass. Only these content errors: any other exception is a bug, not the message's fault, and
            // stops that recipient's deliveries for this pass (logged) with the message left as it was.
            error = "Not sent, given up: the message does not make a valid traceable presentation: " + e.Message;
            invalid = true;
        }

        if (error is null)
        {
            Count("delivered");
            return (true, await MarkDeliveredAsync(item.TenantId, item.Message, sent!, cancellationToken).ConfigureAwait(false));
        }

        var attempt = item.Message.Attempts + 1;
        var wait = refusedWith is not null || invalid ? null : _customs.Backoff.After(attempt);
        if (refusedWith is { } refused)
        {
            // The recipient refused this message (its request is at fault): sending it again would get the same answer.
            // A cached token goes too (a 403 may be the partner client's): a re-send after the operator fixed the
            // client gets a new one.
            _ = _tokens.TryRemove(TokenKey(item.TenantId, item.Message.Recipient), out _);
            error = $"Refused by the recipient ({refused}), not retried: {error}";
        }

        Count(refusedWith is not null ? "refused" : wait is null ? "given-up" : "retried");
        _logger.LogWarning("Delivery of {Message} to {Recipient} {Outcome} (attempt {Attempt}{GivenUp}): {Error}", item.Message.Id, item.Message.Recipient,
            refusedWith is null ? "failed" : "refused", attempt, wait is null ? ", given up" : "", error);
        _ = await _customs.Node.Store.Customs.MarkAttemptFailedAsync(item.TenantId, item.Message.Id, error, wait is null ? null : _customs.Node.Time.GetUtcNow() + wait.Value, cancellationToken).ConfigureAwait(false);
        return (false, false);
    }

    private void Count(string outcome) => _outcomes?.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    // Delivered: the outbox row and a leaf of the sender's transparency log recording the presentation sent (its id,
    // the signed bytes), in one transaction; the receiver's log records it too, when it accepts it.
    private async Task<bool> MarkDeliveredAsync(string tenantId, OutboxMessageRecord message, byte[] sent, CancellationToken cancellationToken)
    {
        await using var unit = await _customs.Node.Store.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (!await unit.Customs.MarkDeliveredAsync(tenantId, message.Id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _ = await unit.Log.AppendAsync([LogEntry.Of(LogEntryKind.Presentation, tenantId, message.Id, sent, _customs.Node.Time.GetUtcNow())], cancellationToken).ConfigureAwait(false);
        await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // (null, the presentation sent, null) when delivered (or already there), else why not, and the HTTP status when the
    // recipient refused it for good (DeliveryBackoff.IsRefusal).
    private async Task<(string? Error, byte[]? Sent, int? RefusedWith)> DeliverAsync(string tenantId, OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var resolution = await _customs.Node.Resolver.ResolveAsync(message.Recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (resolution.DidDocument is not { } document)
        {
            return ($"The recipient's DID {message.Recipient} does not resolve: {resolution.DidResolutionMetadata.Error} {resolution.DidResolutionMetadata.ErrorMessage}", null, null);
        }

        var service = document.Service?.FirstOrDefault(s => s.Type.Contains("TraceabilityAPI"));
        if (service is null || service.ServiceEndpoint.ValueKind != JsonValueKind.String || !Uri.TryCreate(service.ServiceEndpoint.GetString(), UriKind.Absolute, out var endpoint))
        {
            return ($"The DID document of {message.Recipient} names no TraceabilityAPI endpoint.", null, null);
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps && !(endpoint.Scheme == Uri.UriSchemeHttp && _customs.Node.Options.LoopbackDidWebHosts.Contains(endpoint.Host, StringComparer.OrdinalIgnoreCase)))
        {
            return ($"The endpoint {endpoint} is neither HTTPS nor on an allowlisted loopback host.", null, null);
        }

        var origin = endpoint.GetLeftPart(UriPartial.Authority);
        var token = await TokenAsync(tenantId, message.Recipient, origin, cancellationToken).ConfigureAwait(false);
        using var challengeRequest = new HttpRequestMessage(HttpMethod.Post, endpoint + "/challenges") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            challengeRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var challengeResponse = await _http.SendAsync(challengeRequest, cancellationToken).ConfigureAwait(false);
        if (challengeResponse.StatusCode != HttpStatusCode.Created)
        {
            ForgetTokenOn401(challengeResponse, tenantId, message.Recipient);
            return ($"POST {endpoint}/challenges answered {(int)challengeResponse.StatusCode}: {await Body(challengeResponse, cancellationToken).ConfigureAwait(false)}", null, Refusal(challengeResponse));
        }

        string challenge;
        using (var parsed = JsonDocument.Parse(await challengeResponse.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)))
        {
            challenge = parsed.RootElement.GetProperty("challenge").GetString()!;
        }

        var signed = await PresentationAsync(tenantId, message, challenge, cancellationToken).ConfigureAwait(false);
        using var submit = new HttpRequestMessage(HttpMethod.Post, endpoint + "/presentations") { Content = new ByteArrayContent(signed) };
        submit.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(submit, cancellationToken).ConfigureAwait(false);
        ForgetTokenOn401(response, tenantId, message.Recipient);
        return response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict
            ? (null, signed, null)
            : ($"POST {endpoint}/presentations answered {(int)response.StatusCode}: {await Body(response, cancellationToken).ConfigureAwait(false)}", null, Refusal(response));
    }

    // A 401 means the recipient no longer takes the cached token (its client secret rotated, the token revoked): the
    // next attempt fetches a new one.
    private void ForgetTokenOn401(HttpResponseMessage response, string tenantId, string recipient)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _ = _tokens.TryRemove(TokenKey(tenantId, recipient), out _);
        }
    }

    // The cached access token's key: one per sending tenant and recipient.
    private static string TokenKey(string tenantId, string recipient) => tenantId + " " + recipient;

    private static int? Refusal(HttpResponseMessage response) => DeliveryBackoff.IsRefusal((int)response.StatusCode) ? (int)response.StatusCode : null;

    /// <summary>The presentation of a message: id = the message id (stable across attempts), instance = the filing.</summary>
    private async Task<byte[]> PresentationAsync(string tenantId, OutboxMessageRecord message, string challenge, CancellationToken cancellationToken)
    {
        var credentials = new List<ReadOnlyMemory<byte>>();
        try
        {
            using var array = JsonDocument.Parse(message.Content);
            if (array.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new PresentationContentException("The message's content is not a JSON array of credentials.");
            }

            credentials.AddRange(array.RootElement.EnumerateArray().Select(c => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(c.GetRawText())));
        }
        catch (JsonException e)
        {
            throw new PresentationContentException("The message's content is not JSON: " + e.Message, e);
        }

        var holder = _customs.Node.Identity.TenantDid(tenantId);
        var unsigned = new TraceablePresentationBuilder(_customs.Node.Random).Build(new TraceablePresentationContent
        {
            Id = message.Id,
            Holder = holder,
            Definitions = ["https://w3id.org/traceability#us-cbp-entry"],
            Instances = [message.Filing ?? message.Id],
            Credentials = credentials,
        });
        var signer = new TraceablePresentationSigner(_customs.Node.Engine);
        return await _customs.SignAsync(tenantId, key => signer.Sign(unsigned, key, new PresentationSigningOptions
        {
            VerificationMethod = _customs.MethodOf(tenantId),
            Cryptosuite = CustomsServices.Cryptosuite,
            Challenge = challenge,
        }), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> TokenAsync(string tenantId, string recipient, string origin, CancellationToken cancellationToken)
    {
        var key = TokenKey(tenantId, recipient);
        if (_tokens.TryGetValue(key, out var cached) && cached.Expires > _customs.Node.Time.GetUtcNow().AddSeconds(30))
        {
            return cached.Token;
        }

        var partner = (await _customs.PartnersAsync(tenantId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Did == recipient);
        if (partner is null)
        {
            return null;
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = partner.ClientId,
            ["client_secret"] = partner.ClientSecret,
        });
        using var response = await _http.PostAsync(new Uri(origin + "/oauth/token"), form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The token endpoint of {origin} answered {(int)response.StatusCode}: {await Body(response, cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
        }

        using var parsed = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        var token = parsed.RootElement.GetProperty("access_token").GetString()!;
        var lifetime = parsed.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var s) ? s : 300;
        _tokens[key] = (token, _customs.Node.Time.GetUtcNow().AddSeconds(lifetime));
        return token;
    }

    // The answer's body for the error kept on the message: of an RFC 9457 problem, its title, detail and the detail of
    // each nested problem (a refused credential's reason, say), else the text; at most 1,000 characters.
    private static async Task<string> Body(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            try
            {
                using var problem = JsonDocument.Parse(text);
                var root = problem.RootElement;
                var parts = new List<string?> { Str(root, "title"), Str(root, "detail") };
                if (root.TryGetProperty("problems", out var nested) && nested.ValueKind == JsonValueKind.Array)
                {
                    parts.AddRange(nested.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object).Select(p => $"{Str(p, "title")}: {Str(p, "detail")}").Distinct());
                }

                text = string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p)));
            }
            catch (JsonException)
            {
                // Not JSON after all: the text as it is.
            }
        }

        return text.Length > 1000 ? text[..1000] : text;

        static string? Str(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
