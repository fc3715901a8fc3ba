namespace Tradeproof.Trade.Twins;

/// <summary>
/// One fact about one or more goods (product, lot or shipment identifiers), at an event time. Events are
/// immutable and identified: the same <see cref="Id"/> twice is one event (idempotent); the same id with a
/// different content is a conflict the twin reports. JSON: <see cref="TwinEventJson"/>.
/// </summary>
public sealed class TwinEvent
{
    /// <summary>Creates an event.</summary>
    public TwinEvent(string id, TwinEventType type, IReadOnlyList<string> subjectIds, DateTimeOffset time, TwinEventSource source, TwinEventPayload payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(subjectIds);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(payload);
        if (subjectIds.Count == 0)
        {
            throw new ArgumentException("An event names at least one subject.", nameof(subjectIds));
        }

        Id = id;
        Type = type;
        SubjectIds = subjectIds;
        Time = time;
        Source = source;
        Payload = payload;
    }

    /// <summary>The event id: for credential events, the credential id and the position of the fact in it.</summary>
    public string Id { get; }

    /// <summary>What kind of fact.</summary>
    public TwinEventType Type { get; }

    /// <summary>The product, lot or shipment identifiers the event is about.</summary>
    public IReadOnlyList<string> SubjectIds { get; }

    /// <summary>When it happened (the business time, not when it was received).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Where the event came from.</summary>
    public TwinEventSource Source { get; }

    /// <summary>What it says.</summary>
    public TwinEventPayload Payload { get; }

    /// <summary>Same id, type, subjects, time, source and payload (lists compared by content).</summary>
    public bool SameContentAs(TwinEvent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id && Type == other.Type && Time == other.Time && Source == other.Source
            && SubjectIds.SequenceEqual(other.SubjectIds) && Payload.SameAs(other.Payload);
    }
}
