using System.Text.Json;

namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// Pipeline oil and natural gas. OilAndGasProductCredential: the producer (issuer) describes the product
/// and holds it; the facility's country is the country of production (origin). OilAndGasDeliveryTicketCredential:
/// custody passes from the consignor to the consignee at the destination, with the gross standard volume.
/// DeliveryStatementCredential: a delivered volume (a meter-like reading). Twin ids: the subject id, UWI,
/// product sku/batch, batch and ticket numbers, lot numbers.
/// </summary>
internal sealed class OilAndGasExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } =
        ["OilAndGasProductCredential", "OilAndGasDeliveryTicketCredential", "DeliveryStatementCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        foreach (var subject in credential.Subjects)
        {
            if (credential.Types.Contains("OilAndGasProductCredential"))
            {
                Product(writer, subject);
            }
            else if (credential.Types.Contains("OilAndGasDeliveryTicketCredential"))
            {
                Ticket(writer, subject);
            }
            else
            {
                Statement(writer, subject);
            }
        }

        return writer.Events;
    }

    private static List<string?> Ids(JsonElement subject)
    {
        var product = CredentialJson.At(subject, "product");
        return
        [
            CredentialJson.String(subject, "id"),
            CredentialJson.String(subject, "lotNumber"),
            CredentialJson.String(subject, "batchNumber"),
            .. product is { } p ? CredentialEventWriter.ProductIds(p) : [],
        ];
    }

    private static void Product(CredentialEventWriter writer, JsonElement subject)
    {
        List<string?> ids = [.. Ids(subject), CredentialJson.String(subject, "UWI")];
        var time = CredentialJson.Time(subject, "productionDate");
        var volume = Observation(subject, "gsv_bbl") ?? Observation(subject, "volume");
        writer.Add(TwinEventType.Described, ids, time, new TwinEventPayload
        {
            Description = ProductDescription(subject),
            HsCode = CredentialJson.String(subject, "product", "commodity", "commodityCode"),
            Quantity = volume?.Value ?? CredentialJson.Decimal(subject, "quantity", "value"),
            Unit = volume?.Unit ?? CredentialJson.String(subject, "quantity", "unitCode"),
            To = writer.IssuerParty,
            Location = CredentialJson.Location(subject, "facility"),
            Attributes = CredentialEventWriter.Attributes(("UWI", CredentialJson.String(subject, "UWI")), ("facilityGLN", CredentialJson.String(subject, "facility", "globalLocationNumber"))),
        });
        writer.Add(TwinEventType.Located, ids, time, new TwinEventPayload { Location = CredentialJson.Location(subject, "facility"), Status = "produced" });
        writer.Origin(ids, time, OriginKinds.CountryOfProduction, CredentialJson.String(subject, "facility", "address", "addressCountry"));
        writer.Origin(ids, time, OriginKinds.CountryOfOrigin, CredentialJson.String(subject, "product", "countryOfOrigin"));
    }

    private static void Ticket(CredentialEventWriter writer, JsonElement subject)
    {
        List<string?> ids = [.. Ids(subject), CredentialJson.String(subject, "ticketControlNumber")];
        var time = CredentialJson.Time(subject, "closeDate") ?? CredentialJson.Time(subject, "openDate") ?? CredentialJson.Time(subject, "createdDate");
        var volume = Observation(subject, "gsv_bbl") ?? Observation(subject, "gsv_m3");
        writer.Add(TwinEventType.Described, ids, time, new TwinEventPayload
        {
            Description = ProductDescription(subject),
            HsCode = CredentialJson.String(subject, "product", "commodity", "commodityCode"),
        });
        writer.Add(TwinEventType.CustodyTransferred, ids, time, new TwinEventPayload
        {
            From = CredentialJson.Party(subject, "consignor"),
            To = CredentialJson.Party(subject, "consignee") ?? new TwinParty(null, "unnamed consignee"),
            Quantity = volume?.Value,
            Unit = volume?.Unit,
            Location = CredentialJson.Location(subject, "destination"),
            Status = "delivered",
            Reference = CredentialJson.String(subject, "ticketControlNumber"),
            Attributes = CredentialEventWriter.Attributes(("carrier", CredentialJson.Party(subject, "carrier")?.ToString())),
        });
    }

    private static void Statement(CredentialEventWriter writer, JsonElement subject)
    {
        var ids = Ids(subject);
        var time = CredentialJson.Time(subject, "deliveredDate");
        writer.Add(TwinEventType.Described, ids, time, new TwinEventPayload
        {
            Description = CredentialJson.String(subject, "commodity", "description") ?? "natural gas",
            HsCode = CredentialJson.String(subject, "commodity", "commodityCode"),
        });
        if (CredentialJson.Decimal(subject, "deliveredVolume", "value") is { } delivered)
        {
            writer.Add(TwinEventType.Reading, ids, time, new TwinEventPayload
            {
                Measurement = new TwinMeasurement("deliveredVolume", delivered, CredentialJson.String(subject, "deliveredVolume", "unitCode")),
                Location = CredentialJson.Location(subject, "deliveryPoint"),
            });
        }
    }

    private static string? ProductDescription(JsonElement subject)
    {
        var name = CredentialJson.String(subject, "product", "name");
        var description = CredentialJson.String(subject, "product", "description");
        return name is not null && description is not null ? $"{name}: {description}" : name ?? description;
    }

    // The traceability vocabulary carries volumes as observations: { property: { name }, measurement: { value, unitCode } }.
    private static (decimal Value, string? Unit)? Observation(JsonElement subject, string name)
    {
        foreach (var observation in CredentialJson.Objects(subject, "observation"))
        {
            if (CredentialJson.String(observation, "property", "name") == name && CredentialJson.Decimal(observation, "measurement", "value") is { } value)
            {
                return (value, CredentialJson.String(observation, "measurement", "unitCode"));
            }
        }

        return null;
    }
}
