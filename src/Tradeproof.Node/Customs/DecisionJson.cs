using System.Text.Json;
using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Intake;

namespace Tradeproof.Node.Customs;

/// <summary>The stored JSON of a decision (the filing record), with the agencies that released the goods so far.</summary>
public static class DecisionJson
{
    /// <summary>Writes a decision.</summary>
    public static void Write(Utf8JsonWriter w, CustomsDecision decision, string? filer, IReadOnlyCollection<string> released)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(released);
        w.WriteStartObject();
        w.WriteString("status", decision.Status.Name());
        if (filer is not null)
        {
            w.WriteString("filer", filer);
        }

        if (decision.EntryNumber is not null)
        {
            w.WriteString("entryNumber", decision.EntryNumber);
        }

        w.WriteBoolean("trustedTrader", decision.TrustedTrader);
        w.WriteStartArray("reasons");
        foreach (var r in decision.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("code", r.Code);
            w.WriteString("message", r.Message);
            if (r.CredentialId is not null)
            {
                w.WriteString("credentialId", r.CredentialId);
            }

            if (r.Pointer is not null)
            {
                w.WriteString("pointer", r.Pointer);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("agencies");
        foreach (var a in decision.Agencies)
        {
            w.WriteStartObject();
            w.WriteString("agency", a.Agency);
            w.WriteString("node", a.Node);
            w.WriteBoolean("hold", a.Hold);
            w.WriteString("why", a.Why);
            w.WriteBoolean("released", released.Contains(a.Node));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "referencedCredentials", decision.ReferencedCredentials);
        Strings(w, "shipmentIds", decision.ShipmentIds);
        w.WriteEndObject();
    }

    /// <summary>The JSON text of a decision.</summary>
    public static string ToJson(CustomsDecision decision, string? filer, IReadOnlyCollection<string> released) =>
        System.Text.Encoding.UTF8.GetString(CustomsServices.Json(w => Write(w, decision, filer, released)));

    /// <summary>Reads a stored decision and the agencies that released it.</summary>
    public static (CustomsDecision Decision, string? Filer, IReadOnlyList<string> Released) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        static string? S(JsonElement e, string n) => e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var agencies = root.GetProperty("agencies").EnumerateArray().ToList();
        var decision = new CustomsDecision
        {
            Status = ProvisionalStatusNames.Parse(S(root, "status")) ?? ProvisionalStatus.Received,
            EntryNumber = S(root, "entryNumber"),
            TrustedTrader = root.TryGetProperty("trustedTrader", out var t) && t.ValueKind == JsonValueKind.True,
            Reasons = [.. root.GetProperty("reasons").EnumerateArray().Select(r => new CustomsReason(S(r, "code")!, S(r, "message")!, S(r, "credentialId"), S(r, "pointer")))],
            Agencies = [.. agencies.Select(a => new AgencyReferral(S(a, "agency")!, S(a, "node")!, a.GetProperty("hold").GetBoolean(), S(a, "why")!))],
            ReferencedCredentials = [.. root.GetProperty("referencedCredentials").EnumerateArray().Select(e => e.GetString()!)],
            ShipmentIds = [.. root.GetProperty("shipmentIds").EnumerateArray().Select(e => e.GetString()!)],
        };
        return (decision, S(root, "filer"), [.. agencies.Where(a => a.GetProperty("released").GetBoolean()).Select(a => S(a, "node")!)]);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
