namespace Tradeproof.Trade.Twins;

/// <summary>
/// A digital twin: the state of one product, lot or shipment identifier projected from its events by
/// <see cref="TwinProjector"/>. It answers what it is, who controls it, where it is, and its timeline, and
/// lists the <see cref="Issues"/> found on the way. Only the projector changes it; not thread-safe.
/// </summary>
public sealed class TwinState
{
    internal readonly List<TwinEvent> Events = [];
    internal readonly Dictionary<string, TwinEvent> EventsById = new(StringComparer.Ordinal);
    internal readonly List<TwinIssue> IdConflicts = [];
    internal readonly List<TwinIssue> FoldIssues = [];
    internal readonly List<string> DescriptionsList = [];
    internal readonly List<string> HsCodesList = [];
    internal readonly List<KeyValuePair<string, string>> AttributesList = [];
    internal readonly List<TwinOriginClaim> OriginsList = [];
    internal readonly List<TwinTransfer> CustodyList = [];
    internal readonly List<TwinTransfer> OwnershipList = [];
    internal readonly TwinLedger CustodyLedger = new();
    internal readonly TwinLedger OwnershipLedger = new();
    internal readonly List<TwinReading> ReadingsList = [];
    internal readonly List<string> InputsList = [];
    internal readonly List<TwinDeclaration> DeclarationsList = [];
    internal readonly List<string> IssuersList = [];
    internal readonly HashSet<string> IssuersSeen = new(StringComparer.Ordinal);
    internal readonly HashSet<(string Kind, string Country, string? Claimant)> OriginsSeen = [];

    /// <summary>An empty twin for <paramref name="id"/>.</summary>
    public TwinState(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    /// <summary>The product, lot or shipment identifier.</summary>
    public string Id { get; }

    /// <summary>Every distinct event, ordered by event time then event id (the timeline).</summary>
    public IReadOnlyList<TwinEvent> Timeline => Events;

    // What it is.

    /// <summary>The first product description received in event order.</summary>
    public string? Description => DescriptionsList.Count > 0 ? DescriptionsList[0] : null;

    /// <summary>Every distinct description, in event order.</summary>
    public IReadOnlyList<string> Descriptions => DescriptionsList;

    /// <summary>Every distinct HS/HTS code, in event order.</summary>
    public IReadOnlyList<string> HsCodes => HsCodesList;

    /// <summary>The quantity first described (produced, packed), with <see cref="Unit"/>.</summary>
    public decimal? Quantity { get; internal set; }

    /// <summary>The unit of <see cref="Quantity"/>.</summary>
    public string? Unit { get; internal set; }

    /// <summary>Attributes (heat number, certificate, lot code source...), distinct, in event order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => AttributesList;

    /// <summary>Every origin claim; they survive any number of transfers.</summary>
    public IReadOnlyList<TwinOriginClaim> Origins => OriginsList;

    /// <summary>Lots this good was made from (FSMA transformation).</summary>
    public IReadOnlyList<string> Inputs => InputsList;

    // Who controls it.

    /// <summary>The party holding custody after the last custody transfer (or the producer).</summary>
    public TwinParty? Custodian { get; internal set; }

    /// <summary>The owner after the last sale (or the producer).</summary>
    public TwinParty? Owner { get; internal set; }

    /// <summary>The custody chain in event order.</summary>
    public IReadOnlyList<TwinTransfer> CustodyChain => CustodyList;

    /// <summary>The ownership chain (sales) in event order.</summary>
    public IReadOnlyList<TwinTransfer> OwnershipChain => OwnershipList;

    /// <summary>What each party holds now by the ownership ledger (received minus transferred), when quantities are known.</summary>
    public IReadOnlyDictionary<string, decimal> Holdings => OwnershipLedger.Balances;

    /// <summary>The issuers of the credentials behind the events, distinct, in event order.</summary>
    public IReadOnlyList<string> Issuers => IssuersList;

    // Where it is.

    /// <summary>The last known place.</summary>
    public TwinLocation? Location { get; internal set; }

    /// <summary>The status that came with the last place (shipped, received, arrived...).</summary>
    public string? LocationStatus { get; internal set; }

    /// <summary>The last in-bond movement, if any.</summary>
    public TwinInBond? InBond { get; internal set; }

    /// <summary>Sensor and meter readings in event order.</summary>
    public IReadOnlyList<TwinReading> Readings => ReadingsList;

    /// <summary>Customs declarations naming the good.</summary>
    public IReadOnlyList<TwinDeclaration> Declarations => DeclarationsList;

    /// <summary>Conflicts, broken chains, oversells and excursions, in event order (event-id conflicts first).</summary>
    public IReadOnlyList<TwinIssue> Issues => [.. IdConflicts, .. FoldIssues];

    /// <summary>True when the twin reports an issue with <paramref name="code"/>.</summary>
    public bool HasIssue(string code) => IdConflicts.Exists(i => i.Code == code) || FoldIssues.Exists(i => i.Code == code);

    /// <summary>Clears what is derived from the events (before a replay).</summary>
    internal void ClearDerived()
    {
        FoldIssues.Clear();
        DescriptionsList.Clear();
        HsCodesList.Clear();
        AttributesList.Clear();
        OriginsList.Clear();
        CustodyList.Clear();
        OwnershipList.Clear();
        CustodyLedger.Clear();
        OwnershipLedger.Clear();
        ReadingsList.Clear();
        InputsList.Clear();
        DeclarationsList.Clear();
        IssuersList.Clear();
        IssuersSeen.Clear();
        OriginsSeen.Clear();
        Quantity = null;
        Unit = null;
        Custodian = null;
        Owner = null;
        Location = null;
        LocationStatus = null;
        InBond = null;
    }
}
