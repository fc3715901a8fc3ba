namespace Tradeproof.Storage;

/// <summary>A versioned document of a customs tenant (its trust registry, its agency routing rules, its profile).</summary>
/// <param name="Kind">What it is (<see cref="CustomsDocumentKinds"/>).</param>
/// <param name="Version">1, 2, ...: each save adds one.</param>
/// <param name="Content">The document (JSON, signed when the kind is).</param>
/// <param name="CreatedAt">When it was saved (set by the store).</param>
public sealed record CustomsDocumentRecord(string Kind, long Version, byte[] Content, DateTimeOffset CreatedAt = default);

/// <summary>The kinds of customs documents.</summary>
public static class CustomsDocumentKinds
{
    /// <summary>The signed trust registry.</summary>
    public const string TrustRegistry = "trust-registry";

    /// <summary>The agency routing rules.</summary>
    public const string AgencyRoutes = "agency-routes";

    /// <summary>The tenant's customs profile (role: customs or agency, name, country).</summary>
    public const string Profile = "profile";

    /// <summary>OAuth client credentials the tenant holds at partner nodes (sealed at rest).</summary>
    public const string Partners = "partners";

    /// <summary>The node's transparency log partners with our client credentials at their nodes (sealed at rest).</summary>
    public const string LogPartners = "log-partners";

    /// <summary>
    /// Whether the store seals documents of <paramref name="kind"/> (they hold client secrets): encrypted at rest with
    /// the operator key like tenant secret keys (AES-256-GCM, bound to tenant, kind and version); what callers read
    /// and write is the plain JSON.
    /// </summary>
    public static bool IsSealed(string kind) => kind is Partners or LogPartners;
}

/// <summary>The decision on one filing (a received presentation) as stored: status and the decision JSON.</summary>
/// <param name="PresentationId">The filing's presentation id.</param>
/// <param name="Filer">The filer's DID (the presentation's holder).</param>
/// <param name="Status">The provisional status name (<c>may-proceed</c>, ...).</param>
/// <param name="DecisionJson">The whole decision (reasons, agencies, entry number, ...) as JSON.</param>
/// <param name="UpdatedAt">When it last changed (set by the store).</param>
public sealed record CustomsFilingRecord(string PresentationId, string? Filer, string Status, string DecisionJson, DateTimeOffset UpdatedAt = default);

/// <summary>Delivery states of an outbox message.</summary>
public static class OutboxStates
{
    /// <summary>Waiting for (another) attempt.</summary>
    public const string Pending = "pending";

    /// <summary>The recipient acknowledged it.</summary>
    public const string Delivered = "delivered";

    /// <summary>Given up after the last attempt.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// A message in the outbox: a presentation to deliver to <paramref name="Recipient"/> (a DID), at least once.
/// <paramref name="Id"/> is the id of the presentation sent (the same on every attempt: the receiver deduplicates by it).
/// </summary>
/// <param name="Id">The message id (the delivered presentation's id).</param>
/// <param name="Kind">What it is: <c>provisional-message</c>, <c>agency-referral</c>, <c>g2g</c>.</param>
/// <param name="Recipient">The recipient's DID.</param>
/// <param name="Filing">The filing (presentation id) it is about, when one.</param>
/// <param name="Status">The provisional status it carries, when one.</param>
/// <param name="Content">What to deliver (JSON: the credentials to present).</param>
/// <param name="State">pending, delivered or failed.</param>
/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="NextAttemptAt">When to try next (pending only).</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="CreatedAt">When it was queued (set by the store).</param>
/// <param name="DeliveredAt">When it was delivered.</param>
/// <param name="Sequence">The tenant-independent order of queuing, set by the store (larger is newer): the cursor of
/// <see cref="ICustomsStore.ListMessagesAsync"/>; 0 on a message not read from a store.</param>
public sealed record OutboxMessageRecord(
    string Id,
    string Kind,
    string Recipient,
    string? Filing,
    string? Status,
    byte[] Content,
    string State = OutboxStates.Pending,
    int Attempts = 0,
    DateTimeOffset NextAttemptAt = default,
    string? LastError = null,
    DateTimeOffset CreatedAt = default,
    DateTimeOffset? DeliveredAt = null,
    long Sequence = 0);

/// <summary>An outbox message due for delivery, with its tenant.</summary>
public sealed record DueOutboxMessage(string TenantId, OutboxMessageRecord Message);

/// <summary>
/// The customs single window's records: versioned documents (trust registry, routing rules, profile), the decision
/// per filing, and the outbox of messages to deliver with retry.
/// </summary>
public interface ICustomsStore
{
    /// <summary>Saves version <paramref name="expectedVersion"/> + 1 of a document; false (nothing written) when the latest is not <paramref name="expectedVersion"/>.</summary>
    ValueTask<bool> SaveDocumentAsync(string tenantId, string kind, long expectedVersion, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>A version of a document (null: the latest), or null when there is none.</summary>
    ValueTask<CustomsDocumentRecord?> GetDocumentAsync(string tenantId, string kind, long? version = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the decision on a filing.</summary>
    ValueTask SaveFilingAsync(string tenantId, CustomsFilingRecord filing, CancellationToken cancellationToken = default);

    /// <summary>The decision on a filing, or null.</summary>
    ValueTask<CustomsFilingRecord?> GetFilingAsync(string tenantId, string presentationId, CancellationToken cancellationToken = default);

    /// <summary>Queues a message (state pending, due at <see cref="OutboxMessageRecord.NextAttemptAt"/>); false when the id exists already.</summary>
    ValueTask<bool> EnqueueAsync(string tenantId, OutboxMessageRecord message, CancellationToken cancellationToken = default);

    /// <summary>Pending messages of every tenant due at or before <paramref name="now"/>, oldest due first.</summary>
    ValueTask<IReadOnlyList<DueOutboxMessage>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest next attempt of any pending message, or null when none is pending.</summary>
    ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a message delivered; false when it was not pending.</summary>
    ValueTask<bool> MarkDeliveredAsync(string tenantId, string id, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: retried at <paramref name="nextAttemptAt"/>, or failed for good when null.</summary>
    ValueTask<bool> MarkAttemptFailedAsync(string tenantId, string id, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a given-up message again (an operator fixed the cause): state pending, attempts 0, due at
    /// <paramref name="nextAttemptAt"/>, <paramref name="note"/> as its last error (say, the re-send and the reason it
    /// was given up); false, nothing written, when it is not <see cref="OutboxStates.Failed"/>.
    /// </summary>
    ValueTask<bool> RequeueAsync(string tenantId, string id, string note, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>A message, or null.</summary>
    ValueTask<OutboxMessageRecord?> GetMessageAsync(string tenantId, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's messages, newest first, optionally only those about a filing, of a kind or in a state (one of
    /// <see cref="OutboxStates"/>; last so that positional calls keep their meaning), at most <paramref name="limit"/>;
    /// with <paramref name="before"/>, only those queued before the message of that <see cref="OutboxMessageRecord.Sequence"/>
    /// (the next page: pass the last message's sequence).
    /// </summary>
    ValueTask<IReadOnlyList<OutboxMessageRecord>> ListMessagesAsync(string tenantId, string? filing = null, string? kind = null, string? state = null, int limit = 100, long? before = null, CancellationToken cancellationToken = default);
}
