namespace Tradeproof.Trade.Twins;

/// <summary>
/// What an event carries. Which members are set depends on <see cref="TwinEventType"/>: Described sets
/// Description/HsCode/Quantity; OriginClaimed sets OriginKind/Country; transfers set From/To/Quantity;
/// Located and InBondMoved set Location/Status/Reference; Reading sets Measurement; Transformed sets Inputs;
/// Declared sets Reference/DeclaredValue/Country. Members left null are absent in JSON.
/// </summary>
public sealed record TwinEventPayload
{
    /// <summary>A product description.</summary>
    public string? Description { get; init; }

    /// <summary>The HS or HTS commodity code as given.</summary>
    public string? HsCode { get; init; }

    /// <summary>A quantity (produced, transferred, shipped, received, declared).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The unit of <see cref="Quantity"/> (bbl, m3, dth, KG, Cartons...).</summary>
    public string? Unit { get; init; }

    /// <summary>Which origin: see <see cref="OriginKinds"/>.</summary>
    public string? OriginKind { get; init; }

    /// <summary>A country (ISO 3166 alpha-2 as given): origin, or country of a declaration.</summary>
    public string? Country { get; init; }

    /// <summary>The party handing over (transfers), or the shipper.</summary>
    public TwinParty? From { get; init; }

    /// <summary>The party taking over (transfers), or the receiver.</summary>
    public TwinParty? To { get; init; }

    /// <summary>A place.</summary>
    public TwinLocation? Location { get; init; }

    /// <summary>A status word (shipped, received, arrived, departed, closed, declared...).</summary>
    public string? Status { get; init; }

    /// <summary>A reference number (in-bond number, entry number, bill of lading number, ticket number).</summary>
    public string? Reference { get; init; }

    /// <summary>A reading.</summary>
    public TwinMeasurement? Measurement { get; init; }

    /// <summary>Lots consumed by a transformation.</summary>
    public IReadOnlyList<string>? Inputs { get; init; }

    /// <summary>A declared value.</summary>
    public decimal? DeclaredValue { get; init; }

    /// <summary>The currency of <see cref="DeclaredValue"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>Other attributes worth showing (heat number, certificate number, lot code source...), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Attributes { get; init; }

    /// <summary>Compares by value, lists included (records compare lists by reference).</summary>
    public bool SameAs(TwinEventPayload other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Inputs = null, Attributes = null } == other with { Inputs = null, Attributes = null }
            && (Inputs ?? []).SequenceEqual(other.Inputs ?? [])
            && (Attributes ?? []).SequenceEqual(other.Attributes ?? []);
    }
}

/// <summary>The origin kinds a twin keeps apart (the traceability vocabulary's terms).</summary>
public static class OriginKinds
{
    /// <summary>Country of origin (certificates of origin, entries).</summary>
    public const string CountryOfOrigin = "countryOfOrigin";

    /// <summary>Steel: where the steel was first melted and poured (mill test report).</summary>
    public const string CountryOfMeltAndPour = "countryOfMeltAndPour";

    /// <summary>Where the good was manufactured.</summary>
    public const string CountryOfManufacture = "countryOfManufacture";

    /// <summary>Oil and gas: the country of the producing facility or well.</summary>
    public const string CountryOfProduction = "countryOfProduction";
}
