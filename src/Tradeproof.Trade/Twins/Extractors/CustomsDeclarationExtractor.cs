namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// Customs declarations naming goods: CBPEntryType86Credential and CBPSection321DeMinimisCredential (small
/// packages: value, origin, description), CBP3461EntryCredential and CBP7501EntrySummaryCredential (entry
/// lines: HS code, origin, value), ExportDeclarationCredential (our context: the export side of "my export is
/// your import"). Twin ids: entry, bill of lading, tracking, in-bond and lot numbers.
/// </summary>
internal sealed class CustomsDeclarationExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } =
        ["CBPEntryType86Credential", "CBPSection321DeMinimisCredential", "CBP3461EntryCredential", "CBP7501EntrySummaryCredential", "ExportDeclarationCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        var types = credential.Types;
        foreach (var subject in credential.Subjects)
        {
            if (types.Contains("CBPEntryType86Credential"))
            {
                string?[] ids = [CredentialJson.String(subject, "entryNumber"), CredentialJson.String(subject, "bolNumber")];
                writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
                {
                    Description = CredentialJson.String(subject, "productDescription") ?? CredentialJson.String(subject, "htsusNumber", "description"),
                    HsCode = CredentialJson.String(subject, "htsusNumber", "commodityCode"),
                    Quantity = CredentialJson.Decimal(subject, "quantity", "value"),
                });
                writer.Add(TwinEventType.Declared, ids, null, new TwinEventPayload
                {
                    Status = "entry type 86",
                    Reference = CredentialJson.String(subject, "entryNumber"),
                    DeclaredValue = CredentialJson.Decimal(subject, "fairRetailValue", "value"),
                    Currency = CredentialJson.String(subject, "fairRetailValue", "currency"),
                    Country = CredentialJson.String(subject, "countryOfOrigin"),
                });
            }
            else if (types.Contains("CBPSection321DeMinimisCredential"))
            {
                string?[] ids = [CredentialJson.String(subject, "shipmentTrackingNumber"), CredentialJson.String(subject, "id")];
                writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
                {
                    Description = CredentialJson.String(subject, "enhancedProductDescription"),
                    HsCode = CredentialJson.String(subject, "htsCode") ?? CredentialJson.String(subject, "commodity", "commodityCode"),
                });
                writer.Add(TwinEventType.Declared, ids, null, new TwinEventPayload
                {
                    Status = "section 321",
                    Reference = CredentialJson.String(subject, "shipmentTrackingNumber"),
                    DeclaredValue = CredentialJson.Decimal(subject, "listedPriceOnMarketplace", "price"),
                    Currency = CredentialJson.String(subject, "listedPriceOnMarketplace", "priceCurrency"),
                    Country = CredentialJson.String(subject, "countryOfOrigin"),
                    From = CredentialJson.Party(subject, "seller"),
                    To = CredentialJson.Party(subject, "finalDeliverTo"),
                });
            }
            else if (types.Contains("CBP3461EntryCredential"))
            {
                string?[] ids = [CredentialJson.String(subject, "entryNumber"), CredentialJson.String(subject, "bolNumber"), CredentialJson.String(subject, "inBondNumber")];
                foreach (var line in CredentialJson.Objects(subject, "lineItems"))
                {
                    writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
                    {
                        Description = CredentialJson.String(line, "productDescription"),
                        HsCode = CredentialJson.String(line, "commodity", "commodityCode"),
                    });
                    writer.Add(TwinEventType.Declared, ids, null, new TwinEventPayload
                    {
                        Status = "entry 3461",
                        Reference = CredentialJson.String(subject, "entryNumber"),
                        DeclaredValue = CredentialJson.Decimal(line, "value"),
                        Country = CredentialJson.String(line, "countryOfOrigin"),
                    });
                }
            }
            else if (types.Contains("CBP7501EntrySummaryCredential"))
            {
                string?[] ids = [CredentialJson.String(subject, "entryNumber"), CredentialJson.String(subject, "billOfLadingNumber")];
                var time = CredentialJson.Time(subject, "summaryDate");
                foreach (var line in CredentialJson.Objects(subject, "descriptionOfMerchandise"))
                {
                    writer.Add(TwinEventType.Described, ids, time, new TwinEventPayload
                    {
                        Description = CredentialJson.String(line, "commodity", "description"),
                        HsCode = CredentialJson.String(line, "commodity", "commodityCode"),
                    });
                    writer.Add(TwinEventType.Declared, ids, time, new TwinEventPayload
                    {
                        Status = "entry summary 7501",
                        Reference = CredentialJson.String(subject, "entryNumber"),
                        DeclaredValue = CredentialJson.Decimal(line, "enteredValue", "price"),
                        Currency = CredentialJson.String(line, "enteredValue", "priceCurrency"),
                        Country = CredentialJson.String(subject, "countryOfOrigin"),
                    });
                }
            }
            else
            {
                var time = CredentialJson.Time(subject, "declarationDate");
                foreach (var item in CredentialJson.Objects(subject, "items"))
                {
                    List<string?> ids = [CredentialJson.String(subject, "declarationNumber"), CredentialJson.String(subject, "shipmentIdentifier"), CredentialJson.String(item, "lotNumber"), .. CredentialJson.At(item, "product") is { } p ? CredentialEventWriter.ProductIds(p) : []];
                    writer.Add(TwinEventType.Described, ids, time, new TwinEventPayload
                    {
                        Description = CredentialJson.String(item, "product", "name"),
                        HsCode = CredentialJson.String(item, "hsCode"),
                        Quantity = CredentialJson.Decimal(item, "quantity", "value"),
                        Unit = CredentialJson.String(item, "quantity", "unitCode"),
                    });
                    writer.Add(TwinEventType.Declared, ids, time, new TwinEventPayload
                    {
                        Status = "export declaration",
                        Reference = CredentialJson.String(subject, "declarationNumber"),
                        DeclaredValue = CredentialJson.Decimal(item, "value", "price"),
                        Currency = CredentialJson.String(item, "value", "priceCurrency"),
                        Country = CredentialJson.String(item, "countryOfOrigin"),
                        From = CredentialJson.Party(subject, "exporter"),
                        To = CredentialJson.Party(subject, "consignee"),
                        Location = CredentialJson.Location(subject, "customsOffice"),
                    });
                }
            }
        }

        return writer.Events;
    }
}
