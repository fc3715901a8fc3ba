using System.Text.Json;

namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>The identifiers our own trade types (https://tradeproof.dev/contexts/trade/v1) use to name goods.</summary>
internal static class TradeIdentifiers
{
    public static List<string?> Of(JsonElement subject)
    {
        var product = CredentialJson.At(subject, "product");
        return
        [
            CredentialJson.String(subject, "lotNumber"),
            CredentialJson.String(subject, "shipmentIdentifier"),
            CredentialJson.String(subject, "containerNumber"),
            CredentialJson.String(subject, "inBondNumber"),
            .. product is { } p ? CredentialEventWriter.ProductIds(p) : [],
        ];
    }

    /// <summary>The product's description and HTS code, when the subject names a product.</summary>
    public static TwinEventPayload? Described(JsonElement subject)
    {
        if (CredentialJson.At(subject, "product") is not { } product)
        {
            return null;
        }

        return new TwinEventPayload
        {
            Description = CredentialJson.String(product, "name") ?? CredentialJson.String(product, "description"),
            HsCode = CredentialJson.String(product, "htsCode") ?? CredentialJson.String(product, "hsCode") ?? CredentialJson.String(product, "commodity", "commodityCode"),
        };
    }
}
