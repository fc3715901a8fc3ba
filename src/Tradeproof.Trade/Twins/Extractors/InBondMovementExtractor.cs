namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// InBondMovementCredential (our context): the bond number, status (departed, in-transit, arrived,
/// exported, diverted) and place of a movement under bond. Without a current location the port of entry
/// (departed) or destination (arrived) is the place.
/// </summary>
internal sealed class InBondMovementExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } = ["InBondMovementCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        foreach (var subject in credential.Subjects)
        {
            var ids = TradeIdentifiers.Of(subject);
            var time = CredentialJson.Time(subject, "eventTime");
            var status = CredentialJson.String(subject, "movementStatus");
            if (TradeIdentifiers.Described(subject) is { } described)
            {
                writer.Add(TwinEventType.Described, ids, time, described with
                {
                    Quantity = CredentialJson.Decimal(subject, "quantity", "value"),
                    Unit = CredentialJson.String(subject, "quantity", "unitCode"),
                });
            }

            var location = CredentialJson.Location(subject, "currentLocation")
                ?? (status == "arrived" ? CredentialJson.Location(subject, "portOfDestination") : CredentialJson.Location(subject, "portOfEntry"));
            writer.Add(TwinEventType.InBondMoved, ids, time, new TwinEventPayload
            {
                Reference = CredentialJson.String(subject, "inBondNumber"),
                Status = status,
                Location = location,
                To = CredentialJson.Party(subject, "bondedCarrier"),
                Attributes = CredentialEventWriter.Attributes(
                    ("movementType", CredentialJson.String(subject, "movementType")),
                    ("portOfEntry", CredentialJson.Location(subject, "portOfEntry")?.ToString()),
                    ("portOfDestination", CredentialJson.Location(subject, "portOfDestination")?.ToString())),
            });
        }

        return writer.Events;
    }
}
