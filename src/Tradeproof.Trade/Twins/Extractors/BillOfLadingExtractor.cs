namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// Bills of lading (single, multimodal, house, master): the carrier takes custody from the consignor at the
/// port of loading. Twin ids: the bill of lading and booking numbers, the tracking number, and the marks and
/// numbers of each particular (which carry product and heat identifiers).
/// </summary>
internal sealed class BillOfLadingExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } =
        ["BillOfLadingCredential", "MultiModalBillOfLadingCredential", "HouseBillOfLadingCredential", "MasterBillOfLadingCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        foreach (var subject in credential.Subjects)
        {
            var bol = CredentialJson.String(subject, "billOfLadingNumber");
            var particulars = CredentialJson.Objects(subject, "particulars");
            var marks = particulars.Select(p => CredentialJson.String(p, "marksAndNumbers")).ToList();
            List<string?> ids = [bol, CredentialJson.String(subject, "bookingNumber"), CredentialJson.String(subject, "freight", "trackingNumber"), .. marks];
            var time = CredentialJson.Time(subject, "shippedOnBoardDate") ?? CredentialJson.Time(subject, "issueDate");
            var carrier = CredentialJson.Party(subject, "carrier") ?? writer.IssuerParty;
            if (carrier is not null)
            {
                writer.Add(TwinEventType.CustodyTransferred, ids, time, new TwinEventPayload
                {
                    From = CredentialJson.Party(subject, "consignor") ?? CredentialJson.Party(subject, "shipper"),
                    To = carrier,
                    Location = CredentialJson.Location(subject, "portOfLoading") ?? CredentialJson.Location(subject, "placeOfReceipt"),
                    Status = "loaded",
                    Reference = bol,
                    Attributes = CredentialEventWriter.Attributes(
                        ("portOfDischarge", CredentialJson.String(subject, "portOfDischarge", "unLocode")),
                        ("consignee", CredentialJson.Party(subject, "consignee")?.ToString())),
                });
            }

            foreach (var particular in particulars)
            {
                writer.Add(TwinEventType.Described, [bol, CredentialJson.String(particular, "marksAndNumbers")], time, new TwinEventPayload
                {
                    Description = CredentialJson.String(particular, "commodity", "description") ?? CredentialJson.String(particular, "description"),
                    HsCode = CredentialJson.String(particular, "commodity", "commodityCode"),
                    Quantity = CredentialJson.Decimal(particular, "grossWeight", "value"),
                    Unit = CredentialJson.String(particular, "grossWeight", "unitCode"),
                });
            }
        }

        return writer.Events;
    }
}
