using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// Tolerant readers over credential JSON: a missing member, or one of the wrong JSON kind, reads as null
/// (never an exception), so a credential with a malformed fact gives the facts it has.
/// </summary>
internal static class CredentialJson
{
    /// <summary>Follows a path of member names; null when any step is missing or not an object.</summary>
    public static JsonElement? At(JsonElement element, params ReadOnlySpan<string> path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>A string (or a number, as written) at the path; empty strings read as null.</summary>
    public static string? String(JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = At(element, path);
        return value?.ValueKind switch
        {
            JsonValueKind.String => value.Value.GetString() is { Length: > 0 } s ? s.Trim() : null,
            JsonValueKind.Number => value.Value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>A decimal at the path: a JSON number or a numeric string.</summary>
    public static decimal? Decimal(JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = At(element, path);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Number)
        {
            return value.Value.TryGetDecimal(out var d) ? d : null;
        }

        return value.Value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>A date-time at the path (RFC 3339, or a date, or "yyyy-MM-dd HH:mm:ss" read as UTC).</summary>
    public static DateTimeOffset? Time(JsonElement element, params ReadOnlySpan<string> path) => ParseTime(String(element, path));

    /// <summary>Parses a date-time leniently; no offset means UTC.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
            ? time
            : null;

    /// <summary>The strings at the path: a string, or the strings of an array.</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = At(element, path);
        return value?.ValueKind switch
        {
            JsonValueKind.String => value.Value.GetString() is { Length: > 0 } s ? [s] : [],
            JsonValueKind.Array => [.. value.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)],
            _ => [],
        };
    }

    /// <summary>The objects at the path: an object, or the objects of an array.</summary>
    public static IReadOnlyList<JsonElement> Objects(JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = At(element, path);
        return value?.ValueKind switch
        {
            JsonValueKind.Object => [value.Value],
            JsonValueKind.Array => [.. value.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)],
            _ => [],
        };
    }

    /// <summary>A party (Organization/Person/Entity): its id and name; null when neither is given.</summary>
    public static TwinParty? Party(JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = At(element, path);
        if (value is not { ValueKind: JsonValueKind.Object } party)
        {
            return value is { ValueKind: JsonValueKind.String } s && s.GetString() is { Length: > 0 } id ? new TwinParty(id, null) : null;
        }

        var name = String(party, "name") ?? String(party, "organizationName")
            ?? (String(party, "firstName") is { } first ? $"{first} {String(party, "lastName")}".Trim() : null);
        var partyId = String(party, "id");
        return partyId is null && name is null ? null : new TwinParty(partyId, name);
    }

    /// <summary>A place (Place, PostalAddress, port): name, country, UN/LOCODE or port code, coordinates.</summary>
    public static TwinLocation? Location(JsonElement element, params ReadOnlySpan<string> path)
    {
        if (At(element, path) is not { ValueKind: JsonValueKind.Object } place)
        {
            return null;
        }

        var name = String(place, "locationName") ?? String(place, "name") ?? String(place, "address", "name")
            ?? String(place, "address", "plantOrSiteName") ?? String(place, "address", "addressLocality");
        var country = String(place, "address", "addressCountry") ?? String(place, "addressCountry");
        var port = String(place, "unLocode") ?? String(place, "usPortCode") ?? String(place, "portCode");
        var latitude = String(place, "geo", "latitude") ?? String(place, "latitude");
        var longitude = String(place, "geo", "longitude") ?? String(place, "longitude");
        return name is null && country is null && port is null && latitude is null ? null : new TwinLocation(name, country, port, latitude, longitude);
    }
}
