using System.Text.Json;

namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// CommercialInvoiceCredential: a sale, seller to buyer, of each line's product (ownership transfer), with
/// its description and HS code. PackingListCredential: what is packed (descriptions and counts). Twin ids:
/// invoice, purchase order and order numbers, and each product's identifiers (gtin, sku, batch).
/// </summary>
internal sealed class InvoiceAndPackingListExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } = ["CommercialInvoiceCredential", "PackingListCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        var isInvoice = credential.Types.Contains("CommercialInvoiceCredential");
        foreach (var subject in credential.Subjects)
        {
            List<string?> documentIds = [CredentialJson.String(subject, "invoiceNumber"), CredentialJson.String(subject, "orderNumber"), .. CredentialJson.Strings(subject, "purchaseOrderNumbers")];
            var time = CredentialJson.Time(subject, "invoiceDate") ?? CredentialJson.Time(subject, "purchaseDate");
            var seller = CredentialJson.Party(subject, "seller");
            var buyer = CredentialJson.Party(subject, "buyer");
            var items = isInvoice ? CredentialJson.Objects(subject, "itemsShipped") : CredentialJson.Objects(subject, "items");
            if (isInvoice && seller is not null && buyer is not null)
            {
                writer.Add(TwinEventType.OwnershipTransferred, documentIds, time, new TwinEventPayload
                {
                    From = seller,
                    To = buyer,
                    Reference = CredentialJson.String(subject, "invoiceNumber"),
                    DeclaredValue = CredentialJson.Decimal(subject, "totalPaymentDue", "price"),
                    Currency = CredentialJson.String(subject, "totalPaymentDue", "priceCurrency"),
                });
            }

            foreach (var item in items)
            {
                var product = CredentialJson.At(item, "product") ?? item;
                var productIds = CredentialEventWriter.ProductIds(product).ToList();
                var description = CredentialJson.String(product, "description") ?? CredentialJson.String(product, "name")
                    ?? CredentialJson.Objects(item, "transportPackages").SelectMany(p => CredentialJson.Objects(p, "includedTradeLineItems")).Select(l => CredentialJson.String(l, "description")).FirstOrDefault(d => d is not null);
                var hsCode = CredentialJson.String(product, "commodity", "commodityCode") ?? CredentialJson.String(product, "hsCode") ?? CredentialJson.String(item, "hsCode");
                var count = CredentialJson.Decimal(item, "itemCount") ?? CredentialJson.Decimal(item, "packageQuantity");
                writer.Add(TwinEventType.Described, [.. documentIds, .. productIds], time, new TwinEventPayload
                {
                    Description = description,
                    HsCode = hsCode,
                    Quantity = count,
                    Unit = count is null ? null : "items",
                    Attributes = CredentialEventWriter.Attributes(("gtin", CredentialJson.String(product, "gtin")), ("brand", Brand(product))),
                });
                if (isInvoice && seller is not null && buyer is not null && productIds.Any(i => i is not null))
                {
                    writer.Add(TwinEventType.OwnershipTransferred, productIds, time, new TwinEventPayload
                    {
                        From = seller,
                        To = buyer,
                        Quantity = count,
                        Unit = count is null ? null : "items",
                        Reference = CredentialJson.String(subject, "invoiceNumber"),
                        DeclaredValue = CredentialJson.Decimal(item, "lineItemTotalPrice", "price"),
                        Currency = CredentialJson.String(item, "lineItemTotalPrice", "priceCurrency"),
                    });
                }
            }
        }

        return writer.Events;
    }

    private static string? Brand(JsonElement product) => CredentialJson.String(product, "brand", "name") ?? CredentialJson.String(product, "brand");
}
