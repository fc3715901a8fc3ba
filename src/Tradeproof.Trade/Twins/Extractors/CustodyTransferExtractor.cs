namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// CustodyTransferCredential (our context): a transfer of custody and/or ownership (<c>transferType</c>)
/// from <c>from</c> to <c>to</c> of a quantity, at <c>transferTime</c> and <c>place</c>. The product's
/// country of origin is carried along the chain as an origin claim by the transferring party.
/// </summary>
internal sealed class CustodyTransferExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } = ["CustodyTransferCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        foreach (var subject in credential.Subjects)
        {
            var ids = TradeIdentifiers.Of(subject);
            var time = CredentialJson.Time(subject, "transferTime");
            if (TradeIdentifiers.Described(subject) is { } described)
            {
                writer.Add(TwinEventType.Described, ids, time, described);
            }

            writer.Origin(ids, time, OriginKinds.CountryOfOrigin, CredentialJson.String(subject, "product", "countryOfOrigin"));
            var to = CredentialJson.Party(subject, "to");
            if (to is null)
            {
                continue;
            }

            var payload = new TwinEventPayload
            {
                From = CredentialJson.Party(subject, "from"),
                To = to,
                Quantity = CredentialJson.Decimal(subject, "quantity", "value"),
                Unit = CredentialJson.String(subject, "quantity", "unitCode"),
                Location = CredentialJson.Location(subject, "place"),
                Status = "transferred",
                DeclaredValue = CredentialJson.Decimal(subject, "price", "price"),
                Currency = CredentialJson.String(subject, "price", "priceCurrency"),
                Attributes = CredentialEventWriter.Attributes(("precedingTransfer", CredentialJson.String(subject, "precedingTransfer"))),
            };
            var kinds = CredentialJson.Strings(subject, "transferType");
            if (kinds.Contains("custody"))
            {
                writer.Add(TwinEventType.CustodyTransferred, ids, time, payload);
            }

            if (kinds.Contains("ownership"))
            {
                writer.Add(TwinEventType.OwnershipTransferred, ids, time, payload);
            }
        }

        return writer.Events;
    }
}
