using System.Globalization;
using System.Text.Json;
using Tradeproof.Json;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// The JSON form of events, for the store: <c>{"type","id","subjects","time","source","payload"}</c>, dates
/// as RFC 3339 with offset, decimals as JSON numbers. Reading is strict: a malformed event is a
/// <see cref="TwinEventFormatException"/>, never a half-read event.
/// </summary>
public static class TwinEventJson
{
    /// <summary>The event as compact JSON.</summary>
    public static string ToJson(TwinEvent twinEvent) => JsonText.Write(twinEvent, static (writer, e) => Write(writer, e));

    /// <summary>A JSON array of events.</summary>
    public static string ToJson(IEnumerable<TwinEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return JsonText.Write(events, static (writer, list) =>
        {
            writer.WriteStartArray();
            foreach (var e in list)
            {
                Write(writer, e);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>Writes one event.</summary>
    public static void Write(Utf8JsonWriter writer, TwinEvent twinEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(twinEvent);
        writer.WriteStartObject();
        writer.WriteString("type", TypeName(twinEvent.Type));
        writer.WriteString("id", twinEvent.Id);
        writer.WriteStartArray("subjects");
        foreach (var subject in twinEvent.SubjectIds)
        {
            writer.WriteStringValue(subject);
        }

        writer.WriteEndArray();
        writer.WriteString("time", Format(twinEvent.Time));
        var source = twinEvent.Source;
        writer.WriteStartObject("source");
        writer.WriteString("kind", source.Kind);
        WriteOptional(writer, "credentialId", source.CredentialId);
        WriteOptional(writer, "credentialType", source.CredentialType);
        WriteOptional(writer, "issuer", source.Issuer);
        writer.WriteString("receivedAt", Format(source.ReceivedAt));
        writer.WriteEndObject();
        WritePayload(writer, twinEvent.Payload);
        writer.WriteEndObject();
    }

    /// <summary>Reads one event; throws <see cref="TwinEventFormatException"/> when it is not one.</summary>
    public static TwinEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new TwinEventFormatException($"not JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads a JSON array of events.</summary>
    public static IReadOnlyList<TwinEvent> ParseList(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new TwinEventFormatException("an event list is a JSON array");
            }

            return [.. document.RootElement.EnumerateArray().Select(Read)];
        }
        catch (JsonException e)
        {
            throw new TwinEventFormatException($"not JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads one event from a parsed element.</summary>
    public static TwinEvent Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new TwinEventFormatException("an event is a JSON object");
        }

        var type = ParseType(RequiredString(element, "type"));
        var id = RequiredString(element, "id");
        if (!element.TryGetProperty("subjects", out var subjects) || subjects.ValueKind != JsonValueKind.Array || subjects.GetArrayLength() == 0)
        {
            throw new TwinEventFormatException($"event {id}: 'subjects' must be a non-empty array of strings");
        }

        var subjectIds = new List<string>();
        foreach (var subject in subjects.EnumerateArray())
        {
            subjectIds.Add(subject.ValueKind == JsonValueKind.String && subject.GetString() is { Length: > 0 } s
                ? s
                : throw new TwinEventFormatException($"event {id}: 'subjects' must be a non-empty array of strings"));
        }

        var time = ParseTime(RequiredString(element, "time"), id);
        if (!element.TryGetProperty("source", out var sourceElement) || sourceElement.ValueKind != JsonValueKind.Object)
        {
            throw new TwinEventFormatException($"event {id}: 'source' must be an object");
        }

        var source = new TwinEventSource(
            RequiredString(sourceElement, "kind"),
            OptionalString(sourceElement, "credentialId"),
            OptionalString(sourceElement, "credentialType"),
            OptionalString(sourceElement, "issuer"),
            ParseTime(RequiredString(sourceElement, "receivedAt"), id));
        var payload = element.TryGetProperty("payload", out var p) ? ReadPayload(p, id) : new TwinEventPayload();
        return new TwinEvent(id, type, subjectIds, time, source, payload);
    }

    /// <summary>The JSON name of an event type (camelCase).</summary>
    public static string TypeName(TwinEventType type)
    {
        var name = type.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static TwinEventType ParseType(string name)
    {
        foreach (var type in Enum.GetValues<TwinEventType>())
        {
            if (TypeName(type) == name)
            {
                return type;
            }
        }

        throw new TwinEventFormatException($"unknown event type '{name}'");
    }

    private static void WritePayload(Utf8JsonWriter writer, TwinEventPayload payload)
    {
        writer.WriteStartObject("payload");
        WriteOptional(writer, "description", payload.Description);
        WriteOptional(writer, "hsCode", payload.HsCode);
        WriteOptional(writer, "quantity", payload.Quantity);
        WriteOptional(writer, "unit", payload.Unit);
        WriteOptional(writer, "originKind", payload.OriginKind);
        WriteOptional(writer, "country", payload.Country);
        WriteParty(writer, "from", payload.From);
        WriteParty(writer, "to", payload.To);
        if (payload.Location is { } location)
        {
            writer.WriteStartObject("location");
            WriteOptional(writer, "name", location.Name);
            WriteOptional(writer, "country", location.Country);
            WriteOptional(writer, "portCode", location.PortCode);
            WriteOptional(writer, "latitude", location.Latitude);
            WriteOptional(writer, "longitude", location.Longitude);
            writer.WriteEndObject();
        }

        WriteOptional(writer, "status", payload.Status);
        WriteOptional(writer, "reference", payload.Reference);
        if (payload.Measurement is { } m)
        {
            writer.WriteStartObject("measurement");
            writer.WriteString("name", m.Name);
            writer.WriteNumber("value", m.Value);
            WriteOptional(writer, "unit", m.Unit);
            WriteOptional(writer, "minimum", m.Minimum);
            WriteOptional(writer, "maximum", m.Maximum);
            writer.WriteEndObject();
        }

        if (payload.Inputs is { } inputs)
        {
            writer.WriteStartArray("inputs");
            foreach (var input in inputs)
            {
                writer.WriteStringValue(input);
            }

            writer.WriteEndArray();
        }

        WriteOptional(writer, "declaredValue", payload.DeclaredValue);
        WriteOptional(writer, "currency", payload.Currency);
        if (payload.Attributes is { } attributes)
        {
            writer.WriteStartArray("attributes");
            foreach (var (name, value) in attributes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static TwinEventPayload ReadPayload(JsonElement p, string id)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            throw new TwinEventFormatException($"event {id}: 'payload' must be an object");
        }

        TwinLocation? location = null;
        if (p.TryGetProperty("location", out var l))
        {
            RequireObject(l, "location", id);
            location = new TwinLocation(OptionalString(l, "name"), OptionalString(l, "country"), OptionalString(l, "portCode"), OptionalString(l, "latitude"), OptionalString(l, "longitude"));
        }

        TwinMeasurement? measurement = null;
        if (p.TryGetProperty("measurement", out var m))
        {
            RequireObject(m, "measurement", id);
            measurement = new TwinMeasurement(
                RequiredString(m, "name"),
                OptionalDecimal(m, "value", id) ?? throw new TwinEventFormatException($"event {id}: a measurement needs a numeric 'value'"),
                OptionalString(m, "unit"),
                OptionalDecimal(m, "minimum", id),
                OptionalDecimal(m, "maximum", id));
        }

        List<string>? inputs = null;
        if (p.TryGetProperty("inputs", out var i))
        {
            if (i.ValueKind != JsonValueKind.Array || i.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            {
                throw new TwinEventFormatException($"event {id}: 'inputs' must be an array of strings");
            }

            inputs = [.. i.EnumerateArray().Select(x => x.GetString()!)];
        }

        List<KeyValuePair<string, string>>? attributes = null;
        if (p.TryGetProperty("attributes", out var a))
        {
            if (a.ValueKind != JsonValueKind.Array)
            {
                throw new TwinEventFormatException($"event {id}: 'attributes' must be an array");
            }

            attributes = [];
            foreach (var entry in a.EnumerateArray())
            {
                RequireObject(entry, "attributes[]", id);
                attributes.Add(new(RequiredString(entry, "name"), RequiredString(entry, "value")));
            }
        }

        return new TwinEventPayload
        {
            Description = OptionalString(p, "description"),
            HsCode = OptionalString(p, "hsCode"),
            Quantity = OptionalDecimal(p, "quantity", id),
            Unit = OptionalString(p, "unit"),
            OriginKind = OptionalString(p, "originKind"),
            Country = OptionalString(p, "country"),
            From = ReadParty(p, "from", id),
            To = ReadParty(p, "to", id),
            Location = location,
            Status = OptionalString(p, "status"),
            Reference = OptionalString(p, "reference"),
            Measurement = measurement,
            Inputs = inputs,
            DeclaredValue = OptionalDecimal(p, "declaredValue", id),
            Currency = OptionalString(p, "currency"),
            Attributes = attributes,
        };
    }

    private static void WriteParty(Utf8JsonWriter writer, string name, TwinParty? party)
    {
        if (party is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        WriteOptional(writer, "id", party.Id);
        WriteOptional(writer, "name", party.Name);
        writer.WriteEndObject();
    }

    private static TwinParty? ReadParty(JsonElement p, string name, string id)
    {
        if (!p.TryGetProperty(name, out var party))
        {
            return null;
        }

        RequireObject(party, name, id);
        return new TwinParty(OptionalString(party, "id"), OptionalString(party, "name"));
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text, string id) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new TwinEventFormatException($"event {id}: '{text}' is not a date-time");

    private static void RequireObject(JsonElement element, string name, string id)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new TwinEventFormatException($"event {id}: '{name}' must be an object");
        }
    }

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) ?? throw new TwinEventFormatException($"'{name}' must be a non-empty string");

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw new TwinEventFormatException($"'{name}' must be a non-empty string");
    }

    private static decimal? OptionalDecimal(JsonElement element, string name, string id)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)
            ? d
            : throw new TwinEventFormatException($"event {id}: '{name}' must be a number");
    }
}

/// <summary>A JSON event that is not a well-formed <see cref="TwinEvent"/>.</summary>
public sealed class TwinEventFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TwinEventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TwinEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TwinEventFormatException()
    {
    }
}
