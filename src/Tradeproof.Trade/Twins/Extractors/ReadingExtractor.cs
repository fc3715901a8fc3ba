namespace Tradeproof.Trade.Twins.Extractors;

/// <summary>
/// SensorReadingCredential: one Reading event per observation, with the credential's allowed range (a
/// cold chain's 0-5 °C), so the twin flags excursions. MeterReadingCredential: the metered volume over the
/// period (at its end), at the metering point, naming the in-bond number: real-time in-bond tracking.
/// </summary>
internal sealed class ReadingExtractor : ITwinEventExtractor
{
    public IReadOnlyList<string> CredentialTypes { get; } = ["SensorReadingCredential", "MeterReadingCredential"];

    public IEnumerable<TwinEvent> Extract(ReceivedCredential credential)
    {
        var writer = new CredentialEventWriter(credential);
        var isSensor = credential.Types.Contains("SensorReadingCredential");
        foreach (var subject in credential.Subjects)
        {
            var ids = TradeIdentifiers.Of(subject);
            if (isSensor)
            {
                var property = CredentialJson.String(subject, "measuredProperty") ?? "reading";
                var minimum = CredentialJson.Decimal(subject, "allowedRange", "minValue");
                var maximum = CredentialJson.Decimal(subject, "allowedRange", "maxValue");
                var location = CredentialJson.Location(subject, "location");
                var sensor = CredentialJson.String(subject, "sensor", "id") ?? CredentialJson.String(subject, "sensor", "serialNumber");
                foreach (var reading in CredentialJson.Objects(subject, "readings"))
                {
                    if (CredentialJson.Decimal(reading, "measurement", "value") is not { } value)
                    {
                        continue;
                    }

                    writer.Add(TwinEventType.Reading, ids, CredentialJson.Time(reading, "observationTime"), new TwinEventPayload
                    {
                        Measurement = new TwinMeasurement(property, value, CredentialJson.String(reading, "measurement", "unitCode") ?? CredentialJson.String(subject, "allowedRange", "unitCode"), minimum, maximum),
                        Location = location,
                        Attributes = CredentialEventWriter.Attributes(("sensor", sensor)),
                    });
                }
            }
            else if (CredentialJson.Decimal(subject, "quantity", "value") is { } volume)
            {
                var direction = CredentialJson.String(subject, "flowDirection");
                if (TradeIdentifiers.Described(subject) is { } described)
                {
                    writer.Add(TwinEventType.Described, ids, CredentialJson.Time(subject, "periodStart"), described);
                }

                writer.Origin(ids, CredentialJson.Time(subject, "periodStart"), OriginKinds.CountryOfOrigin, CredentialJson.String(subject, "product", "countryOfOrigin"));
                writer.Add(TwinEventType.Reading, ids, CredentialJson.Time(subject, "periodEnd"), new TwinEventPayload
                {
                    Measurement = new TwinMeasurement(direction is null ? "volume" : "volume " + direction, volume, CredentialJson.String(subject, "quantity", "unitCode")),
                    Location = CredentialJson.Location(subject, "meteringPoint"),
                    Reference = CredentialJson.String(subject, "inBondNumber"),
                    Attributes = CredentialEventWriter.Attributes(
                        ("meter", CredentialJson.String(subject, "meter", "id") ?? CredentialJson.String(subject, "meter", "serialNumber")),
                        ("periodStart", CredentialJson.String(subject, "periodStart")),
                        ("cumulativeQuantity", CredentialJson.String(subject, "cumulativeQuantity", "value"))),
                });
            }
        }

        return writer.Events;
    }
}
