namespace Tradeproof.Storage;

/// <summary>An event to append to a twin's stream (serialised by the trade layer: type, id, subjects, payload).</summary>
/// <param name="EventId">The event's id (the trade layer's deduplication key).</param>
/// <param name="EventType">The event type name.</param>
/// <param name="PayloadJson">The event as JSON.</param>
/// <param name="SubjectIds">The identifiers the event is about (product, lot, shipment ids): indexed for <see cref="ITwinEventStore.FindStreamsBySubjectAsync"/>.</param>
public sealed record TwinEventData(string EventId, string EventType, string PayloadJson, IReadOnlyList<string> SubjectIds);

/// <summary>An event as stored: its stream, its version (1..n, dense) and when it was recorded.</summary>
public sealed record StoredTwinEvent(string StreamId, long Version, string EventId, string EventType, string PayloadJson, IReadOnlyList<string> SubjectIds, DateTimeOffset RecordedAt);

/// <summary>Outcome kind of an append.</summary>
public enum AppendOutcome
{
    /// <summary>Appended; <see cref="AppendResult.Version"/> is the stream's new version.</summary>
    Appended,

    /// <summary>The stream was not at the expected version (nothing written); <see cref="AppendResult.Version"/> is its current version.</summary>
    Conflict,
}

/// <summary>The result of <see cref="ITwinEventStore.AppendAsync"/>.</summary>
/// <param name="Outcome">Appended or conflict.</param>
/// <param name="Version">The new version (appended) or the current version (conflict).</param>
public sealed record AppendResult(AppendOutcome Outcome, long Version)
{
    /// <summary>Whether the events were appended.</summary>
    public bool Succeeded => Outcome == AppendOutcome.Appended;
}

/// <summary>One stream's part of <see cref="ITwinEventStore.AppendManyAsync"/>.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Events">Its events, in order.</param>
/// <param name="ExpectedVersion">
/// The version the stream must be at (0 for a new stream), or null to append at whatever version it is at (for events
/// that do not depend on the stream's state; a concurrent writer winning the same version is still a conflict).
/// </param>
public sealed record StreamAppend(string StreamId, IReadOnlyList<TwinEventData> Events, long? ExpectedVersion = null);

/// <summary>
/// Event streams of digital twins with optimistic concurrency. A stream's versions are 1..n without gaps;
/// (tenant, stream, version) is unique by a database constraint, so of concurrent appenders at the same expected
/// version exactly one wins and the others get <see cref="AppendOutcome.Conflict"/>.
/// </summary>
public interface ITwinEventStore
{
    /// <summary>The version a stream that does not exist yet is at.</summary>
    const long NoStream = 0;

    /// <summary>Appends events when the stream is at <paramref name="expectedVersion"/> (0 for a new stream).</summary>
    ValueTask<AppendResult> AppendAsync(string tenantId, string streamId, long expectedVersion, IReadOnlyList<TwinEventData> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends to several distinct streams in one call (fewer statements than one <see cref="AppendAsync"/> each), with the
    /// same guarantees per stream: each part is appended whole or, on a conflict, not at all (the result's version is
    /// then the stream's current one), and one part's conflict does not stop the others. Results in the parts' order.
    /// </summary>
    ValueTask<IReadOnlyList<AppendResult>> AppendManyAsync(string tenantId, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default);

    /// <summary>The stream's events in version order from <paramref name="fromVersion"/> (empty for an unknown stream).</summary>
    ValueTask<IReadOnlyList<StoredTwinEvent>> ReadStreamAsync(string tenantId, string streamId, long fromVersion = 1, int limit = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>The stream's current version (0 when it does not exist).</summary>
    ValueTask<long> GetVersionAsync(string tenantId, string streamId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the streams with an event about <paramref name="subjectId"/>, ordered.</summary>
    ValueTask<IReadOnlyList<string>> FindStreamsBySubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default);

    /// <summary>A page of the tenant's stream ids in ascending order (the database's ordering of text), after <paramref name="afterStreamId"/>.</summary>
    ValueTask<IReadOnlyList<string>> ListStreamsAsync(string tenantId, string? afterStreamId = null, int limit = 100, CancellationToken cancellationToken = default);
}
