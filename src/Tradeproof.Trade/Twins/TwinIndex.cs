namespace Tradeproof.Trade.Twins;

/// <summary>
/// Many twins at once: routes each event to the twin of every identifier it names (creating twins as
/// needed) through <see cref="TwinProjector.Apply"/>. Pure and in memory; the store persists the events.
/// </summary>
public sealed class TwinIndex
{
    private readonly Dictionary<string, TwinState> _twins = new(StringComparer.Ordinal);

    /// <summary>The twins, by identifier.</summary>
    public IReadOnlyDictionary<string, TwinState> Twins => _twins;

    /// <summary>Adds an event to each twin it names.</summary>
    public void Add(TwinEvent twinEvent)
    {
        ArgumentNullException.ThrowIfNull(twinEvent);
        foreach (var id in twinEvent.SubjectIds)
        {
            if (!_twins.TryGetValue(id, out var state))
            {
                _twins[id] = state = new TwinState(id);
            }

            TwinProjector.Apply(state, twinEvent);
        }
    }

    /// <summary>Adds events.</summary>
    public void AddRange(IEnumerable<TwinEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Add(e);
        }
    }

    /// <summary>Extracts the events of each verified credential and adds them.</summary>
    public void AddCredentials(IEnumerable<ReceivedCredential> credentials, TwinEventExtraction? extraction = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        extraction ??= TwinEventExtraction.Default;
        foreach (var credential in credentials)
        {
            AddRange(extraction.Extract(credential));
        }
    }

    /// <summary>The twin of an identifier, if any event names it.</summary>
    public TwinState? Find(string id) => _twins.GetValueOrDefault(id);
}
