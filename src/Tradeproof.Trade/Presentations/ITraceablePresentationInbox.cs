namespace Tradeproof.Trade.Presentations;

/// <summary>
/// The traceable presentations a node received, per tenant (the organisation addressed). Implementations keep the
/// rules of <see cref="PresentationReplacement"/>: an id is accepted once per tenant (a repeat is
/// <see cref="InboxOutcome.DuplicateId"/>, HTTP 409), and a <c>replace</c> must name an earlier presentation of the
/// tenant, from the same holder, for the same instances, not already replaced. Presentations are verified before they
/// are given to the inbox.
/// </summary>
public interface ITraceablePresentationInbox
{
    /// <summary>Stores a received presentation, or refuses it with the reason; a refused presentation changes nothing.</summary>
    ValueTask<InboxResult> AcceptAsync(string tenant, TraceablePresentation presentation, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>A stored presentation by id, or null.</summary>
    ValueTask<StoredPresentation?> FindAsync(string tenant, string presentationId, CancellationToken cancellationToken = default);

    /// <summary>Every stored presentation naming a workflow instance (replaced ones included), in the order received.</summary>
    ValueTask<IReadOnlyList<StoredPresentation>> ListInstanceAsync(string tenant, string instance, CancellationToken cancellationToken = default);
}
