namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// USMCACertificationOfOrigin and CertificationOfOrigin: each good's description, HS code and country of
/// origin (with the USMCA origin criterion), about the invoice the certificate covers and any product
/// identifiers of the goods.
/// </summary>
internal sealed class CertificationOfOriginExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } = ["USMCACertificationOfOrigin", "CertificationOfOrigin"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        foreach (var subject in credential.Subjects)
        {
            var invoice = CredentialJson.String(subject, "invoiceNumber");
            foreach (var good in CredentialJson.Objects(subject, "goods"))
            {
                string?[] ids = [invoice, CredentialJson.String(good, "productIdentifier"), CredentialJson.String(good, "lotNumber"), CredentialJson.String(good, "heatNumber")];
                writer.Add(TwinEventType.Described, ids, null, new TwinEventPayload
                {
                    Description = CredentialJson.String(good, "description"),
                    HsCode = CredentialJson.String(good, "commodityCode"),
                });
                writer.Origin(ids, null, OriginKinds.CountryOfOrigin, CredentialJson.String(good, "countryOfOrigin"),
                    CredentialEventWriter.Attributes(("originCriterion", CredentialJson.String(good, "originCriterion"))));
            }
        }

        return writer.Events;
    }
}
