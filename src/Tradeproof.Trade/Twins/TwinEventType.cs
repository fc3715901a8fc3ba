namespace Tradeproof.Trade.Twins;

/// <summary>What a twin event says about its subjects. Serialised as the camelCase name.</summary>
public enum TwinEventType
{
    /// <summary>What the good is: description, HS code, quantity, attributes (heat number, lot code source).</summary>
    Described,

    /// <summary>An origin claim: country of origin, of melt and pour, of manufacture, of production; USMCA criterion.</summary>
    OriginClaimed,

    /// <summary>Physical custody (control) passes from one party to another, with an optional quantity.</summary>
    CustodyTransferred,

    /// <summary>Ownership passes (a sale), with an optional quantity.</summary>
    OwnershipTransferred,

    /// <summary>The good was at a place (shipped from, received at, arrived at, a growing area).</summary>
    Located,

    /// <summary>An in-bond movement: opened, departed, arrived or closed, between ports.</summary>
    InBondMoved,

    /// <summary>A sensor or meter reading (temperature, volume), with its allowed range when known.</summary>
    Reading,

    /// <summary>The good was made from other lots (FSMA transformation): the inputs are listed.</summary>
    Transformed,

    /// <summary>A customs declaration (entry, entry type 86, de minimis): reference, declared value, origin.</summary>
    Declared,
}
