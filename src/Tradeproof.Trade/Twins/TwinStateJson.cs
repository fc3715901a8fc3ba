using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// The JSON form of a twin's state, shared by <c>tradeproof twin show --json</c> and the node's twin API:
/// <c>id</c>, <c>what</c> (descriptions, HS codes, quantity, attributes, origins, inputs), <c>who</c> (owner,
/// custodian, ownership and custody chains, holdings, issuers), <c>where</c> (location, status, in-bond, readings,
/// declarations) and <c>issues</c>; the timeline's events are written by <see cref="TwinEventJson"/>.
/// </summary>
public static class TwinStateJson
{
    /// <summary>Writes the state's members into the object the writer is in.</summary>
    public static void WriteMembers(Utf8JsonWriter w, TwinState twin)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(twin);
        w.WriteString("id", twin.Id);
        w.WriteStartObject("what");
        w.WriteString("description", twin.Description);
        WriteStrings(w, "descriptions", twin.Descriptions);
        WriteStrings(w, "hsCodes", twin.HsCodes);
        if (twin.Quantity is { } quantity)
        {
            w.WriteNumber("quantity", quantity);
            w.WriteString("unit", twin.Unit);
        }

        w.WriteStartObject("attributes");
        foreach (var (name, value) in twin.Attributes)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        w.WriteStartArray("origins");
        foreach (var c in twin.Origins)
        {
            w.WriteStartObject();
            w.WriteString("kind", c.Kind);
            w.WriteString("country", c.Country);
            w.WriteString("claimant", c.Claimant);
            w.WriteString("event", c.EventId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "inputs", twin.Inputs);
        w.WriteEndObject();

        w.WriteStartObject("who");
        WriteParty(w, "owner", twin.Owner);
        WriteParty(w, "custodian", twin.Custodian);
        WriteChain(w, "ownershipChain", twin.OwnershipChain);
        WriteChain(w, "custodyChain", twin.CustodyChain);
        w.WriteStartObject("holdings");
        foreach (var (party, balance) in twin.Holdings)
        {
            w.WriteNumber(party, balance);
        }

        w.WriteEndObject();
        WriteStrings(w, "issuers", twin.Issuers);
        w.WriteEndObject();

        w.WriteStartObject("where");
        w.WriteString("location", twin.Location?.ToString());
        w.WriteString("status", twin.LocationStatus);
        if (twin.InBond is { } bond)
        {
            w.WriteStartObject("inBond");
            w.WriteString("reference", bond.Reference);
            w.WriteString("status", bond.Status);
            w.WriteString("location", bond.Location?.ToString());
            w.WriteString("time", Time(bond.Time));
            w.WriteEndObject();
        }

        w.WriteNumber("readings", twin.Readings.Count);
        if (twin.Readings.Count > 0)
        {
            var last = twin.Readings[^1];
            w.WriteStartObject("lastReading");
            w.WriteString("name", last.Measurement.Name);
            w.WriteNumber("value", last.Measurement.Value);
            w.WriteString("unit", last.Measurement.Unit);
            w.WriteString("time", Time(last.Time));
            w.WriteBoolean("outOfRange", last.Measurement.IsOutOfRange);
            w.WriteEndObject();
        }

        w.WriteStartArray("declarations");
        foreach (var d in twin.Declarations)
        {
            w.WriteStartObject();
            w.WriteString("kind", d.Kind);
            w.WriteString("reference", d.Reference);
            if (d.DeclaredValue is { } value)
            {
                w.WriteNumber("declaredValue", value);
                w.WriteString("currency", d.Currency);
            }

            w.WriteString("country", d.Country);
            w.WriteString("time", Time(d.Time));
            w.WriteString("event", d.EventId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("issues");
        foreach (var issue in twin.Issues)
        {
            w.WriteStartObject();
            w.WriteString("code", issue.Code);
            w.WriteString("message", issue.Message);
            WriteStrings(w, "events", issue.EventIds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>RFC 3339 UTC with seconds, as the twin JSON writes times.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteChain(Utf8JsonWriter w, string name, IReadOnlyList<TwinTransfer> chain)
    {
        w.WriteStartArray(name);
        foreach (var t in chain)
        {
            w.WriteStartObject();
            WriteParty(w, "from", t.From);
            WriteParty(w, "to", t.To);
            if (t.Quantity is { } q)
            {
                w.WriteNumber("quantity", q);
                w.WriteString("unit", t.Unit);
            }

            w.WriteString("time", Time(t.Time));
            w.WriteString("event", t.EventId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteParty(Utf8JsonWriter w, string name, TwinParty? party)
    {
        if (party is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("id", party.Id);
        w.WriteString("name", party.Name);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
