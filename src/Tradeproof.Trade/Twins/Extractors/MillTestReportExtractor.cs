namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// Steel: a MillTestReportCredential (traceability vocabulary) describes each inspected product: its
/// identifier and heat number are the twin ids; the mill (issuer) made it and holds it; country of melt and
/// pour and of manufacture are origin claims.
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
            var description = specification is { } spec
                ? string.Join(" ", new[] { CredentialJson.String(spec, "productDescription"), CredentialJson.String(spec, "grade") is { } g ? "grade " + g : null }.Where(s => s is not null))
                : null;
            var hsCode = CredentialJson.String(subject, "productSpecification", "commodity", "commodityCode") ?? CredentialJson.String(subject, "commodity", "commodityCode");
            foreach (var inspection in CredentialJson.Objects(subject, "inspections"))
            {
                string?[] ids = [CredentialJson.String(inspection, "productIdentifier"), CredentialJson.String(inspection, "heatNumber"), CredentialJson.String(subject, "id")];
                writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
                {
                    Description = string.IsNullOrEmpty(description) ? null : description,
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
        }

        return writer.Events;
    }
}
