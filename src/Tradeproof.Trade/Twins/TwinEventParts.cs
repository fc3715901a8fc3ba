namespace Tradeproof.Trade.Twins;

/// <summary>A party named by an event: its DID or other identifier when given, and its name.</summary>
public sealed record TwinParty(string? Id, string? Name)
{
    /// <summary>The identifier when known, else the name (how parties are compared along a chain).</summary>
    public string Key => Id ?? Name ?? "";

    /// <inheritdoc />
    public override string ToString() => Id is not null && Name is not null ? $"{Name} ({Id})" : Key;
}

/// <summary>A place: name, ISO country, UN/LOCODE or port code, and coordinates when given.</summary>
public sealed record TwinLocation(string? Name, string? Country = null, string? PortCode = null, string? Latitude = null, string? Longitude = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Name is not null)
        {
            parts.Add(Name);
        }

        if (PortCode is not null)
        {
            parts.Add(PortCode);
        }

        if (Country is not null)
        {
            parts.Add(Country);
        }

        if (Latitude is not null && Longitude is not null)
        {
            parts.Add($"{Latitude},{Longitude}");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>A measurement with its unit and, when the source states one, the allowed range.</summary>
public sealed record TwinMeasurement(string Name, decimal Value, string? Unit, decimal? Minimum = null, decimal? Maximum = null)
{
    /// <summary>True when an allowed range is known and the value is outside it.</summary>
    public bool IsOutOfRange => (Minimum is { } min && Value < min) || (Maximum is { } max && Value > max);
}

/// <summary>Where an event came from: the verified credential (id, type, issuer) or a raw feed, and when it was received.</summary>
public sealed record TwinEventSource(string Kind, string? CredentialId, string? CredentialType, string? Issuer, DateTimeOffset ReceivedAt)
{
    /// <summary><see cref="Kind"/> of an event derived from a verified credential.</summary>
    public const string Credential = "credential";

    /// <summary><see cref="Kind"/> of a raw event (a sensor or meter feed).</summary>
    public const string Raw = "raw";
}
