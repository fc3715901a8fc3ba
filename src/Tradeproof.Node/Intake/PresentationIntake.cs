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
        var prepared = Prepare(tenantId, content, verification);
        await using (var unit = await _services.Store.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await StoreAsync(unit, prepared, cancellationToken).ConfigureAwait(false);
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
    public ValueTask<IntakeResult> StoreAsync(IStoreRepositories unit, string tenantId, ReadOnlyMemory<byte> content, TraceablePresentationVerificationResult verification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return StoreAsync(unit, Prepare(tenantId, content, verification), cancellationToken);
    }

    /// <summary>
    /// Computes everything of a submission's writes that does not depend on the store: the verification results' JSON
    /// (the presentation's and each credential's), the credentials' ids, the twin events of every credential and their
    /// JSON, the twins' streams, the received time. Call it on the request's own thread, before the unit of work, so
    /// that a writer shared by many submissions (<see cref="GroupCommit"/>'s leader) only runs the statements
    /// (<see cref="StoreAsync(IStoreRepositories, PreparedSubmission, CancellationToken)"/>).
    /// </summary>
    /// <param name="tenantId">The receiving tenant.</param>
    /// <param name="content">The presentation's bytes as received.</param>
    /// <param name="verification">Its verification result: <see cref="TraceablePresentationVerificationResult.Verified"/> must be true.</param>
    public PreparedSubmission Prepare(string tenantId, ReadOnlyMemory<byte> content, TraceablePresentationVerificationResult verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.Verified || verification.Presentation is null)
        {
            throw new ArgumentException("Only a verified traceable presentation enters the inbox.", nameof(verification));
        }

        var presentation = verification.Presentation;
        var receivedAt = _services.Time.GetUtcNow();
        var record = new PresentationRecord(presentation.Id, content, presentation.Holder, VerificationResultJson.ToJson(verification.Verification), presentation.Replace);
        var credentials = new List<PreparedCredential>();
        foreach (var result in verification.Verification.Credentials)
        {
            if (result.Credential is not { } vc)
            {
                continue;
            }

            var json = result.Claims is { ValueKind: JsonValueKind.Object } claims ? claims : vc.Json;
            var received = new ReceivedCredential(json, result.Verified, result.Party ?? vc.Issuer, receivedAt, [.. result.Problems.Select(p => p.Title)]);
            var events = _extraction.Extract(received);
            credentials.Add(new PreparedCredential(
                new CredentialRecord(CredentialId(vc), CredentialDirection.Received, "application/vc", vc.Utf8, result.Party ?? vc.Issuer, VerificationResultJson.ToJson(result)),
                received,
                events));
        }

        return new PreparedSubmission(tenantId, content, verification, record, receivedAt, credentials);
    }

    /// <summary>
    /// The writes of a prepared submission (<see cref="Prepare"/>) in the caller's unit of work, which the caller
    /// commits and then calls <see cref="RunHandlersAsync"/>. A duplicate writes nothing. Only what depends on the
    /// store is decided here: a repeated presentation id, which credentials the tenant holds already (their twin events
    /// are not appended again), the streams' versions.
    /// </summary>
    /// <exception cref="TwinAppendConflictException">A twin's stream kept changing: roll the unit back.</exception>
    public async ValueTask<IntakeResult> StoreAsync(IStoreRepositories unit, PreparedSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(submission);
        var tenantId = submission.TenantId;
        if (await unit.Presentations.ReceiveAsync(tenantId, submission.Record, cancellationToken).ConfigureAwait(false) == PresentationReceiveOutcome.Duplicate)
        {
            return new IntakeResult(IntakeOutcome.Duplicate, null);
        }

        // Credentials are saved in id order (two submissions sharing credentials then wait on each other in the same
        // order instead of deadlocking) in one call, which decides for each: stored, or held already with the same
        // bytes (by its stored hash), or a conflict (the id with other bytes).
        var saved = await unit.Credentials.SaveManyAsync(tenantId, submission.CredentialRecordsById, cancellationToken).ConfigureAwait(false);

        // Projected in the presentation's order. The same credential received before gave its events then (a second
        // copy would only repeat them, with another received time); the same id with other bytes is projected so that
        // its twins report the clash.
        var credentials = submission.Credentials;
        var events = new List<TwinEvent>(submission.EventCount);
        var allNew = true;
        for (var i = 0; i < credentials.Count; i++)
        {
            if (saved[submission.IdOrder[i]] == CredentialSaveOutcome.AlreadyStored)
            {
                allNew = false;
                continue;
            }

            events.AddRange(credentials[i].Events);
        }

        // Every twin in one store call. Concurrent submissions never deadlock on their streams: SQLite has one writer, and
        // PostgreSQL's appenders take the streams' locks in ordinal order before reading their heads (SqlTwinEventStore).
        var plan = allNew ? submission.Plan : TwinStreams.Plan(TwinStreams.ByTwin(events), submission.EventData);
        _ = await TwinStreams.AppendPlanAsync(unit, tenantId, plan, cancellationToken).ConfigureAwait(false);

        return new IntakeResult(IntakeOutcome.Accepted, new PresentationReceived(tenantId, submission.Verification.Presentation!, submission.Content, submission.Verification,
            [.. credentials.Select(c => c.Received)], plan.TwinIds, events, submission.ReceivedAt));
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
