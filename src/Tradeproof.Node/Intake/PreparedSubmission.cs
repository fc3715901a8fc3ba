using Tradeproof.Storage;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node;

/// <summary>
/// A submission's writes computed before its unit of work (<see cref="PresentationIntake.Prepare"/>): the inbox record
/// with its verification result JSON, each credential's record and twin events, every event's stored form and the
/// twins' streams for the case that every credential is new. Nothing in it depends on the store, so it is made on the
/// request's own thread, in parallel with other requests, and the writer only binds and runs statements.
/// </summary>
public sealed class PreparedSubmission
{
    internal PreparedSubmission(string tenantId, ReadOnlyMemory<byte> content, TraceablePresentationVerificationResult verification, PresentationRecord record, DateTimeOffset receivedAt, List<PreparedCredential> credentials)
    {
        TenantId = tenantId;
        Content = content;
        Verification = verification;
        Record = record;
        ReceivedAt = receivedAt;
        Credentials = credentials;

        // Saved in id order (ordinal, stable for repeated ids); IdOrder[i] is credential i's place in that order.
        var order = Enumerable.Range(0, credentials.Count).OrderBy(i => credentials[i].Record.Id, StringComparer.Ordinal).ToArray();
        CredentialRecordsById = [.. order.Select(i => credentials[i].Record)];
        IdOrder = new int[credentials.Count];
        for (var k = 0; k < order.Length; k++)
        {
            IdOrder[order[k]] = k;
        }

        var events = credentials.SelectMany(c => c.Events).ToList();
        EventCount = events.Count;
        EventData = new Dictionary<TwinEvent, TwinEventData>(ReferenceEqualityComparer.Instance);
        foreach (var e in events)
        {
            EventData[e] = TwinStreams.ToData(e);
        }

        Plan = TwinStreams.Plan(TwinStreams.ByTwin(events), EventData);
    }

    /// <summary>The receiving tenant.</summary>
    public string TenantId { get; }

    /// <summary>The presentation's bytes as received.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The verification result.</summary>
    public TraceablePresentationVerificationResult Verification { get; }

    /// <summary>When the node received it (the node's clock, read once).</summary>
    public DateTimeOffset ReceivedAt { get; }

    internal PresentationRecord Record { get; }

    /// <summary>The embedded credentials in the presentation's order.</summary>
    internal List<PreparedCredential> Credentials { get; }

    internal CredentialRecord[] CredentialRecordsById { get; }

    internal int[] IdOrder { get; }

    internal int EventCount { get; }

    /// <summary>Every event's stored form (serialised once, however many twins it names).</summary>
    internal Dictionary<TwinEvent, TwinEventData> EventData { get; }

    /// <summary>The appends when every credential is new (all events).</summary>
    internal TwinAppendPlan Plan { get; }
}

/// <summary>An embedded credential: its record (with its verification result JSON), as the twins see it, its events.</summary>
internal sealed record PreparedCredential(CredentialRecord Record, ReceivedCredential Received, IReadOnlyList<TwinEvent> Events);
