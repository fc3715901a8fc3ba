using System.Text.Json;

namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// Food (FSMA 204 critical tracking events, traceability vocabulary). The twin id is the traceability lot
/// code. Growing: the farm (issuer) holds the lot, at the growing area. Shipping: custody passes from the
/// ship-from to the ship-to location's business, with quantity and unit. Receiving: the lot is at the
/// receiver. Transforming: the produced lot lists the lots used; each used lot records what it became.
/// </summary>
internal sealed class FsmaExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } =
        ["FSMAGrowingCTECredential", "FSMAShippingCTECredential", "FSMAReceivingCTECredential", "FSMATransformingCTECredential", "FSMACreatingCTECredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        var types = credential.Types;
        foreach (var subject in credential.Subjects)
        {
            if (types.Contains("FSMAGrowingCTECredential"))
            {
                var lot = CredentialJson.String(subject, "traceabilityLot", "lotCode");
                writer.Add(TwinEventType.Described, [lot], null, new TwinEventPayload
                {
                    Description = CredentialJson.String(subject, "traceabilityLot", "productDescription") ?? CredentialJson.String(subject, "product", "name"),
                    To = writer.IssuerParty,
                    Attributes = LotAttributes(CredentialJson.At(subject, "traceabilityLot")),
                });
                writer.Add(TwinEventType.Located, [lot], null, new TwinEventPayload
                {
                    Location = CredentialJson.Location(subject, "growingAreaCoordinates") ?? CredentialJson.Location(subject, "traceabilityLot", "lotCodeGeneratorLocation"),
                    Status = "grown",
                });
            }
            else if (types.Contains("FSMAShippingCTECredential") || types.Contains("FSMAReceivingCTECredential"))
            {
                var shipping = types.Contains("FSMAShippingCTECredential");
                var shipment = CredentialJson.At(subject, "shipment") ?? subject;
                var product = CredentialJson.At(shipment, "product") ?? shipment;
                var lot = CredentialJson.String(product, "traceabilityLot", "lotCode");
                var time = shipping ? CredentialJson.Time(subject, "dateShipped") : CredentialJson.Time(subject, "dateReceived");
                var quantity = CredentialJson.Decimal(product, "quantity");
                var unit = CredentialJson.String(product, "unit");
                writer.Add(TwinEventType.Described, [lot], time, new TwinEventPayload
                {
                    Description = Category(product) ?? CredentialJson.String(product, "description"),
                    Quantity = quantity,
                    Unit = unit,
                    Attributes = LotAttributes(CredentialJson.At(product, "traceabilityLot")),
                });
                var from = CredentialJson.Location(shipment, "from");
                var to = CredentialJson.Location(shipment, "to");
                if (shipping)
                {
                    writer.Add(TwinEventType.CustodyTransferred, [lot], time, new TwinEventPayload
                    {
                        From = BusinessAt(shipment, "from"),
                        To = BusinessAt(shipment, "to") ?? new TwinParty(null, to?.Name ?? "unnamed receiver"),
                        Quantity = quantity,
                        Unit = unit,
                        Location = from,
                        Status = "shipped",
                        Reference = Additional(shipment, "Reference record type and number"),
                    });
                }
                else
                {
                    writer.Add(TwinEventType.Located, [lot], time, new TwinEventPayload
                    {
                        Location = to,
                        Status = "received",
                        Quantity = quantity,
                        Unit = unit,
                        From = BusinessAt(shipment, "from"),
                        To = BusinessAt(shipment, "to"),
                    });
                }
            }
            else if (types.Contains("FSMATransformingCTECredential") || types.Contains("FSMACreatingCTECredential"))
            {
                var time = CredentialJson.Time(subject, "dateCompleted") ?? CredentialJson.Time(subject, "dateCreated");
                var used = CredentialJson.Objects(subject, "foodUsed").Select(f => CredentialJson.String(f, "traceabilityLot", "lotCode")).Where(l => l is not null).Select(l => l!).ToList();
                foreach (var produced in CredentialJson.Objects(subject, "foodProduced"))
                {
                    var lot = CredentialJson.String(produced, "traceabilityLot", "lotCode");
                    writer.Add(TwinEventType.Described, [lot], time, new TwinEventPayload
                    {
                        Description = Category(produced) ?? CredentialJson.String(produced, "description"),
                        Quantity = CredentialJson.Decimal(produced, "quantity"),
                        Unit = CredentialJson.String(produced, "unit"),
                        To = writer.IssuerParty,
                        Attributes = LotAttributes(CredentialJson.At(produced, "traceabilityLot")),
                    });
                    writer.Add(TwinEventType.Transformed, [lot], time, new TwinEventPayload { Inputs = used, Status = "produced" });
                    foreach (var input in used)
                    {
                        writer.Add(TwinEventType.Transformed, [input], time, new TwinEventPayload { Status = "transformed into " + lot, Reference = lot });
                    }
                }
            }
        }

        return writer.Events;
    }

    private static TwinParty? BusinessAt(JsonElement shipment, string member)
    {
        var name = CredentialJson.String(shipment, member, "address", "name") ?? CredentialJson.String(shipment, member, "locationName");
        var id = CredentialJson.String(shipment, member, "id");
        return name is null && id is null ? null : new TwinParty(id, name);
    }

    private static string? Category(JsonElement product) => Additional(product, "Category name");

    private static string? Additional(JsonElement element, string name) =>
        CredentialJson.Objects(element, "additionalData").Where(d => CredentialJson.String(d, "name") == name).Select(d => CredentialJson.String(d, "value")).FirstOrDefault();

    private static IReadOnlyList<KeyValuePair<string, string>>? LotAttributes(JsonElement? lot) => lot is { } l
        ? CredentialEventWriter.Attributes(
            ("lotCode", CredentialJson.String(l, "lotCode")),
            ("lotType", CredentialJson.String(l, "lotType")),
            ("lotCodeSource", CredentialJson.Location(l, "lotCodeGeneratorLocation")?.ToString()))
        : null;
}
