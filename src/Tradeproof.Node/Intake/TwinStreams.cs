using System.Security.Cryptography;
using System.Text;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node;

/// <summary>
/// How twins live in the store: one event stream per twin (a product, lot or shipment identifier), holding every
/// event that names the identifier in arrival order (an event naming three identifiers is in three streams). The
/// stream id is the identifier itself, or <c>urn:sha256:HEX</c> of it when it is longer than <see cref="MaxPlainLength"/>.
/// </summary>
public static class TwinStreams
{
    /// <summary>The longest identifier used as its own stream id.</summary>
    public const int MaxPlainLength = 512;

    /// <summary>
    /// How many times an append is retried after a version conflict before the submission fails (503). A conflict means
    /// another writer committed to the stream (PostgreSQL makes the loser wait for the winner's commit; SQLite has one
    /// writer), so this is how many concurrent writers on one twin every submission survives: 64, above the 50
    /// concurrent appenders of issue #10 (8 let 41 of 50 concurrent submissions on PostgreSQL fail with 503).
    /// </summary>
    public const int MaxAppendAttempts = 64;

    /// <summary>The stream id of a twin.</summary>
    public static string StreamId(string twinId)
    {
        ArgumentException.ThrowIfNullOrEmpty(twinId);
        return twinId.Length <= MaxPlainLength ? twinId : "urn:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(twinId)));
    }

    /// <summary>The store's form of an event (the trade layer's JSON, its type name and subjects).</summary>
    public static TwinEventData ToData(TwinEvent twinEvent)
    {
        ArgumentNullException.ThrowIfNull(twinEvent);
        return new TwinEventData(twinEvent.Id, TwinEventJson.TypeName(twinEvent.Type), TwinEventJson.ToJson(twinEvent), twinEvent.SubjectIds);
    }

    /// <summary>
    /// Groups events by the twins they name (ordinal order of twin ids, so concurrent writers lock streams in the same
    /// order) keeping each twin's events in the given order.
    /// </summary>
    public static SortedDictionary<string, List<TwinEvent>> ByTwin(IEnumerable<TwinEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var byTwin = new SortedDictionary<string, List<TwinEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            foreach (var subject in e.SubjectIds)
            {
                if (!byTwin.TryGetValue(subject, out var list))
                {
                    byTwin[subject] = list = [];
                }

                list.Add(e);
            }
        }

        return byTwin;
    }

    /// <summary>
    /// Appends to a twin's stream at its current version (one store call: the head read and the insert in one unit; a
    /// concurrent writer winning that version is a conflict), retrying up to <see cref="MaxAppendAttempts"/> times;
    /// returns the new version.
    /// </summary>
    /// <exception cref="TwinAppendConflictException">Every attempt met a concurrent writer.</exception>
    public static async ValueTask<long> AppendAsync(IStoreRepositories store, string tenantId, string twinId, IReadOnlyList<TwinEventData> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var streamId = StreamId(twinId);
        for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
        {
            var results = await store.TwinEvents.AppendManyAsync(tenantId, [new StreamAppend(streamId, events)], cancellationToken).ConfigureAwait(false);
            if (results[0].Succeeded)
            {
                return results[0].Version;
            }
        }

        throw new TwinAppendConflictException(twinId);
    }

    /// <summary>
    /// Appends each twin's events to its stream at the stream's current version, all twins in one store call
    /// (<see cref="ITwinEventStore.AppendManyAsync"/>: one head read and a few multi-row inserts instead of several
    /// statements per twin); twins whose stream a concurrent writer advanced are retried, up to
    /// <see cref="MaxAppendAttempts"/> calls. Each event is serialised once however many twins it names. Returns each
    /// twin's new version.
    /// </summary>
    /// <remarks>
    /// Safe with concurrent writers on a database that locks rows: the store takes every stream's lock in ordinal order
    /// before reading the heads (PostgreSQL's advisory locks, held to the commit), so a retry waits for nothing new and
    /// two submissions' streams are always locked in one order.
    /// </remarks>
    /// <exception cref="TwinAppendConflictException">A twin's stream met a concurrent writer at every attempt.</exception>
    public static ValueTask<IReadOnlyDictionary<string, long>> AppendAllAsync(IStoreRepositories store, string tenantId, IReadOnlyDictionary<string, List<TwinEvent>> byTwin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(byTwin);
        return AppendPlanAsync(store, tenantId, Plan(byTwin, new Dictionary<TwinEvent, TwinEventData>(ReferenceEqualityComparer.Instance)), cancellationToken);
    }

    /// <summary>
    /// The store calls' parts of <paramref name="byTwin"/>: one <see cref="StreamAppend"/> per stream with its events'
    /// stored form, taken from <paramref name="data"/> (events missing there are serialised and added).
    /// </summary>
    internal static TwinAppendPlan Plan(IReadOnlyDictionary<string, List<TwinEvent>> byTwin, Dictionary<TwinEvent, TwinEventData> data)
    {
        TwinEventData Data(TwinEvent e) => data.TryGetValue(e, out var d) ? d : data[e] = ToData(e);

        // Two twin ids with one stream id (an id that is itself the hashed form of a long one) share the stream.
        var parts = byTwin.GroupBy(p => StreamId(p.Key), StringComparer.Ordinal)
            .Select(g => (TwinIds: g.Select(p => p.Key).ToList(), Append: new StreamAppend(g.Key, [.. g.SelectMany(p => p.Value).Select(Data)])))
            .ToList();
        return new TwinAppendPlan([.. byTwin.Keys], parts);
    }

    /// <summary>Runs a plan (<see cref="AppendAllAsync(IStoreRepositories, string, IReadOnlyDictionary{string, List{TwinEvent}}, CancellationToken)"/>).</summary>
    internal static async ValueTask<IReadOnlyDictionary<string, long>> AppendPlanAsync(IStoreRepositories store, string tenantId, TwinAppendPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pending = plan.Parts;
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < MaxAppendAttempts && pending.Count > 0; attempt++)
        {
            var results = await store.TwinEvents.AppendManyAsync(tenantId, [.. pending.Select(p => p.Append)], cancellationToken).ConfigureAwait(false);
            var conflicts = new List<(List<string> TwinIds, StreamAppend Append)>();
            for (var i = 0; i < pending.Count; i++)
            {
                if (!results[i].Succeeded)
                {
                    conflicts.Add(pending[i]);
                    continue;
                }

                foreach (var twinId in pending[i].TwinIds)
                {
                    versions[twinId] = results[i].Version;
                }
            }

            pending = conflicts;
        }

        return pending.Count == 0 ? versions : throw new TwinAppendConflictException(pending[0].TwinIds[0]);
    }

    /// <summary>Reads a twin's whole stream and parses its events.</summary>
    public static async ValueTask<IReadOnlyList<TwinEvent>> ReadAsync(IStoreRepositories store, string tenantId, string twinId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.TwinEvents.ReadStreamAsync(tenantId, StreamId(twinId), 1, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(e => TwinEventJson.Parse(e.PayloadJson))];
    }
}

/// <summary>The parts of one twin append: the twins (ordered) and one append per stream.</summary>
internal sealed record TwinAppendPlan(IReadOnlyList<string> TwinIds, List<(List<string> TwinIds, StreamAppend Append)> Parts);

/// <summary>A twin's stream kept changing under every append attempt (heavy contention): the submission is not stored.</summary>
public sealed class TwinAppendConflictException : Exception
{
    /// <summary>Creates the exception for a twin.</summary>
    public TwinAppendConflictException(string twinId)
        : base($"The twin '{twinId}' changed under {TwinStreams.MaxAppendAttempts} attempts to append to it.")
    {
        TwinId = twinId;
    }

    /// <summary>Creates the exception.</summary>
    public TwinAppendConflictException()
        : this("?")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TwinAppendConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        TwinId = "?";
    }

    /// <summary>The twin.</summary>
    public string TwinId { get; }
}
