namespace Tradeproof.Storage;

/// <summary>A TraceablePresentation received into a tenant's inbox.</summary>
/// <param name="Id">The presentation's id (unique per tenant: a repeat is a duplicate, HTTP 409).</param>
/// <param name="Content">The original bytes of the presentation.</param>
/// <param name="HolderId">The holder (a DID), when known.</param>
/// <param name="VerificationResultJson">The verification results as JSON.</param>
/// <param name="ReplacesId">The id of the presentation this one replaces (the traceability API's <c>replace</c> link).</param>
/// <param name="ReceivedAt">When it was received (set by the store).</param>
public sealed record PresentationRecord(
    string Id,
    ReadOnlyMemory<byte> Content,
    string? HolderId = null,
    string? VerificationResultJson = null,
    string? ReplacesId = null,
    DateTimeOffset ReceivedAt = default);

/// <summary>Outcome of receiving a presentation.</summary>
public enum PresentationReceiveOutcome
{
    /// <summary>Stored in the inbox.</summary>
    Received,

    /// <summary>A presentation with this id is in the inbox already (nothing changed; HTTP 409).</summary>
    Duplicate,
}

/// <summary>The inbox of received presentations.</summary>
public interface IPresentationInbox
{
    /// <summary>Stores a received presentation; a repeated id is a <see cref="PresentationReceiveOutcome.Duplicate"/>.</summary>
    ValueTask<PresentationReceiveOutcome> ReceiveAsync(string tenantId, PresentationRecord presentation, CancellationToken cancellationToken = default);

    /// <summary>The presentation, or null.</summary>
    ValueTask<PresentationRecord?> GetAsync(string tenantId, string presentationId, CancellationToken cancellationToken = default);

    /// <summary>The presentations that name <paramref name="presentationId"/> as the one they replace.</summary>
    ValueTask<IReadOnlyList<PresentationRecord>> ListReplacementsAsync(string tenantId, string presentationId, CancellationToken cancellationToken = default);

    /// <summary>A page of the inbox, newest last, after the receipt sequence number <paramref name="afterSequence"/>.</summary>
    ValueTask<IReadOnlyList<InboxEntry>> ListAsync(string tenantId, long afterSequence = 0, int limit = 100, CancellationToken cancellationToken = default);
}

/// <summary>A presentation in inbox order: <paramref name="Sequence"/> is the paging cursor.</summary>
public sealed record InboxEntry(long Sequence, PresentationRecord Presentation);
