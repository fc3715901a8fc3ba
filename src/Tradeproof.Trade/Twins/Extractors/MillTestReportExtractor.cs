namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// Steel: a MillTestReportCredential (traceability vocabulary) describes each inspected product: its
/// identifier and heat number are the twin ids; the mill (issuer) made it and holds it; country of melt and
/// pour and of manufacture are origin claims. A report without <c>inspections</c> is read in its flat form (one heat
/// and lot on the subject).
/// </summary>
internal sealed class MillTestReportExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } = ["MillTestReportCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        foreach (var subject in credential.Subjects)
        {
            var specification = CredentialJson.At(subject, "productSpecification");
            var description = Description(specification, "productDescription");
            var hsCode = CredentialJson.String(subject, "productSpecification", "commodity", "commodityCode") ?? CredentialJson.String(subject, "commodity", "commodityCode");
            var inspections = CredentialJson.Objects(subject, "inspections");
            foreach (var inspection in inspections)
            {
                string?[] ids = [CredentialJson.String(inspection, "productIdentifier"), CredentialJson.String(inspection, "heatNumber"), CredentialJson.String(subject, "id")];
                writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
                {
                    Description = description,
                    HsCode = hsCode,
                    Quantity = CredentialJson.Decimal(inspection, "totalWeight", "value"),
                    Unit = CredentialJson.String(inspection, "totalWeight", "unitCode"),
                    To = writer.IssuerParty,
                    Attributes = CredentialEventWriter.Attributes(
                        ("heatNumber", CredentialJson.String(inspection, "heatNumber")),
                        ("certificateNumber", CredentialJson.String(subject, "certificateNumber")),
                        ("standard", specification is { } s1 ? CredentialJson.String(s1, "standard") : null),
                        ("meltPractice", CredentialJson.String(inspection, "meltPractice")),
                        ("pieces", CredentialJson.String(inspection, "pieces"))),
                });
                writer.Origin(ids, null, OriginKinds.CountryOfMeltAndPour, CredentialJson.String(inspection, "countryOfMeltAndPour"));
                writer.Origin(ids, null, OriginKinds.CountryOfManufacture, CredentialJson.String(inspection, "countryOfManufacture"));
            }

            if (inspections.Count == 0)
            {
                ExtractFlat(writer, subject);
            }
        }

        return writer.Events;
    }

    // The flat report of one heat and lot (../shared/design/fixtures/mill-test-report.json: heatNumber, lotNumber and
    // product on the subject, countryOfMelt and countryOfPour): the lot and the heat are the twins (the report's own id
    // names a document, not a good). Melt and pour in one country is the steel's melt-and-pour origin; two countries
    // claim nothing (neither alone is that origin).
    private static void ExtractFlat(CredentialEventWriter writer, System.Text.Json.JsonElement subject)
    {
        var heat = CredentialJson.String(subject, "heatNumber");
        string?[] ids = [CredentialJson.String(subject, "lotNumber"), heat];
        var weight = CredentialJson.Decimal(subject, "product", "netWeightKg");
        writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
        {
            Description = Description(CredentialJson.At(subject, "product"), "description"),
            HsCode = CredentialJson.String(subject, "product", "hsCode"),
            Quantity = weight,
            Unit = weight is null ? null : "KGM",
            To = writer.IssuerParty,
            Attributes = CredentialEventWriter.Attributes(
                ("heatNumber", heat),
                ("certificateNumber", CredentialJson.String(subject, "reportNumber")),
                ("standard", CredentialJson.String(subject, "product", "specification")),
                ("meltPractice", CredentialJson.String(subject, "meltProcess")),
                ("pieces", CredentialJson.String(subject, "product", "pieces"))),
        });
        var melt = CredentialJson.String(subject, "countryOfMelt");
        if (melt is not null && string.Equals(melt, CredentialJson.String(subject, "countryOfPour"), StringComparison.Ordinal))
        {
            writer.Origin(ids, null, OriginKinds.CountryOfMeltAndPour, melt);
        }
    }

    // The product's description and "grade <grade>", space-separated; null when the product or both are missing.
    private static string? Description(System.Text.Json.JsonElement? product, string descriptionName)
    {
        if (product is not { } p)
        {
            return null;
        }

        var text = string.Join(" ", new[] { CredentialJson.String(p, descriptionName), CredentialJson.String(p, "grade") is { } g ? "grade " + g : null }.Where(s => s is not null));
        return text.Length == 0 ? null : text;
    }
}
