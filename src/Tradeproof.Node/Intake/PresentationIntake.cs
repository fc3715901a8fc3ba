using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tradeproof.Credentials;
using Tradeproof.Credentials.Verification;
using Tradeproof.Storage;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node;

/// <summary>What became of a submission.</summary>
public enum IntakeOutcome
{
    /// <summary>Stored in the inbox with its credentials and twin events; the handlers ran.</summary>
    Accepted,

    /// <summary>A presentation with this id is in the inbox already: nothing was written (HTTP 409).</summary>
    Duplicate,
}

/// <summary>The result of <see cref="PresentationIntake.ReceiveAsync"/>.</summary>
/// <param name="Outcome">Accepted or duplicate.</param>
/// <param name="Received">What was stored (null for a duplicate).</param>
public sealed record IntakeResult(IntakeOutcome Outcome, PresentationReceived? Received);

/// <summary>
/// The submission pipeline of <c>POST /organizations/{id}/presentations</c> and <c>/presentations/submissions</c>:
/// takes a VERIFIED TraceablePresentation and, in ONE store unit of work, keeps it in the tenant's inbox (a repeated id
/// is <see cref="IntakeOutcome.Duplicate"/> and writes nothing), saves each credential (original bytes, verification
/// result), projects the twin events of each newly stored credential with the trade layer's extractors and appends them
/// to the twins' event streams (optimistic concurrency, bounded retries; every twin of the submission in one store call,
/// <see cref="TwinStreams.AppendAllAsync"/>); then, after the
/// commit, runs the <see cref="IPresentationReceivedHandler"/>s. A failure before the commit leaves the store as it was.
/// </summary>
public sealed class PresentationIntake
{
    private readonly NodeServices _services;
    private readonly TwinEventExtraction _extraction;
    private readonly ILogger _logger;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="services">The node's services (store, clock, handlers).</param>
    /// <param name="extraction">The event extractors (default: every family the trade layer reads).</param>
    /// <param name="logger">Where handler failures go.</param>
    public PresentationIntake(NodeServices services, TwinEventExtraction? extraction = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _extraction = extraction ?? TwinEventExtraction.Default;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The id under which a credential without an <c>id</c> is stored: <c>urn:sha256:</c> of its bytes.</summary>
    public static string CredentialId(VerifiableCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential.Id ?? "urn:sha256:" + Convert.ToHexStringLower(SHA256.HashData(credential.Utf8.Span));
    }

    /// <summary>
    /// Stores a verified presentation (see the class) in its own unit of work, commits, then runs the handlers.
    /// </summary>
    /// <param name="tenantId">The receiving tenant.</param>
    /// <param name="content">The presentation's bytes as received.</param>
    /// <param name="verification">Its verification result: <see cref="TraceablePresentationVerificationResult.Verified"/> must be true.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <exception cref="TwinAppendConflictException">A twin's stream kept changing (nothing was stored).</exception>
    public async ValueTask<IntakeResult> ReceiveAsync(string tenantId, ReadOnlyMemory<byte> content, TraceablePresentationVerificationResult verification, CancellationToken cancellationToken = default)
    {
        IntakeResult result;
        await using (var unit = await _services.Store.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await StoreAsync(unit, tenantId, content, verification, cancellationToken).ConfigureAwait(false);
            if (result.Received is null)
            {
                return result;
            }

            await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await RunHandlersAsync(result.Received, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The writes of a submission in the caller's unit of work, which the caller commits (with its own writes, e.g. an
    /// idempotency key's response) and then calls <see cref="RunHandlersAsync"/>. A duplicate writes nothing.
    /// </summary>
    /// <param name="unit">The unit of work.</param>
    /// <param name="tenantId">The receiving tenant.</param>
    /// <param name="content">The presentation's bytes as received.</param>
    /// <param name="verification">Its verification result: <see cref="TraceablePresentationVerificationResult.Verified"/> must be true.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <exception cref="TwinAppendConflictException">A twin's stream kept changing: roll the unit back.</exception>
    public async ValueTask<IntakeResult> StoreAsync(IStoreRepositories unit, string tenantId, ReadOnlyMemory<byte> content, TraceablePresentationVerificationResult verification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.Verified || verification.Presentation is null)
        {
            throw new ArgumentException("Only a verified traceable presentation enters the inbox.", nameof(verification));
        }

        var presentation = verification.Presentation;
        var receivedAt = _services.Time.GetUtcNow();
        var record = new PresentationRecord(presentation.Id, content, presentation.Holder, VerificationResultJson.ToJson(verification.Verification), presentation.Replace);
        if (await unit.Presentations.ReceiveAsync(tenantId, record, cancellationToken).ConfigureAwait(false) == PresentationReceiveOutcome.Duplicate)
        {
            return new IntakeResult(IntakeOutcome.Duplicate, null);
        }

        // Credentials are saved in id order (two submissions sharing credentials then wait on each other in the same
        // order instead of deadlocking), and projected in the presentation's order. Those the tenant holds already are
        // decided by their stored hash (the same bytes: already stored; others: a conflict), without preparing a record
        // (its verification result JSON) that would not be stored; the rest are saved in one call, which still decides
        // by itself for any a concurrent writer stored meanwhile.
        var embedded = verification.Verification.Credentials.Where(r => r.Credential is not null)
            .Select(r => (Result: r, Id: CredentialId(r.Credential!))).ToList();
        var held = await unit.Credentials.GetContentHashesAsync(tenantId, [.. embedded.Select(e => e.Id)], cancellationToken).ConfigureAwait(false);
        var outcomes = new Dictionary<VerificationResult, CredentialSaveOutcome>(ReferenceEqualityComparer.Instance);
        var toSave = new List<(VerificationResult Result, CredentialRecord Record)>();
        foreach (var (result, id) in embedded.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            var vc = result.Credential!;
            if (held.TryGetValue(id, out var storedHash))
            {
                outcomes[result] = storedHash.AsSpan().SequenceEqual(SHA256.HashData(vc.Utf8.Span)) ? CredentialSaveOutcome.AlreadyStored : CredentialSaveOutcome.Conflict;
                continue;
            }

            toSave.Add((result, new CredentialRecord(id, CredentialDirection.Received, "application/vc", vc.Utf8, result.Party ?? vc.Issuer, VerificationResultJson.ToJson(result))));
        }

        if (toSave.Count > 0)
        {
            var saved = await unit.Credentials.SaveManyAsync(tenantId, [.. toSave.Select(s => s.Record)], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < toSave.Count; i++)
            {
                outcomes[toSave[i].Result] = saved[i];
            }
        }

        var credentials = new List<ReceivedCredential>();
        var events = new List<TwinEvent>();
        foreach (var (result, _) in embedded)
        {
            var vc = result.Credential!;
            var json = result.Claims is { ValueKind: JsonValueKind.Object } claims ? claims : vc.Json;
            var credential = new ReceivedCredential(json, result.Verified, result.Party ?? vc.Issuer, receivedAt, [.. result.Problems.Select(p => p.Title)]);
            credentials.Add(credential);

            // The same credential received before gave its events then (a second copy would only repeat them, with
            // another received time); the same id with other bytes is projected so that its twins report the clash.
            if (outcomes[result] != CredentialSaveOutcome.AlreadyStored)
            {
                events.AddRange(_extraction.Extract(credential));
            }
        }

        // Every twin in one store call. Concurrent submissions never deadlock on their streams: SQLite has one writer, and
        // PostgreSQL's appenders take the streams' locks in ordinal order before reading their heads (SqlTwinEventStore).
        var byTwin = TwinStreams.ByTwin(events);
        _ = await TwinStreams.AppendAllAsync(unit, tenantId, byTwin, cancellationToken).ConfigureAwait(false);

        return new IntakeResult(IntakeOutcome.Accepted, new PresentationReceived(tenantId, presentation, content, verification, credentials, [.. byTwin.Keys], events, receivedAt));
    }

    /// <summary>Runs the registered handlers for a committed submission, in order; a failing handler is logged and the next runs.</summary>
    public async ValueTask RunHandlersAsync(PresentationReceived received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        foreach (var handler in _services.PresentationReceivedHandlers)
        {
            try
            {
                await handler.OnPresentationReceivedAsync(received, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The submission is committed and acknowledged whatever a handler does: log and go on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "Presentation handler {Handler} failed for {Presentation} of {Tenant}", handler.GetType().Name, received.Presentation.Id, received.TenantId);
            }
        }
    }
}
