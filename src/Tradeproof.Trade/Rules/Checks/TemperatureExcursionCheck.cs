using System.Globalization;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>temperature-excursion</c>: temperature readings on the twins stay within their allowed range (the
/// sensor credential's <c>allowedRange</c>, else the policy's cold-chain range). One finding per sensor
/// credential: the number of readings outside, the worst one and when.
/// </summary>
internal sealed class TemperatureExcursionCheck : IRuleCheck
{
    public string Name => "temperature-excursion";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var properties = rule.ListParameter("properties") is { Count: > 0 } p ? p : ["temperature"];
        var policy = context.Policy;
        var readings = context.Twins.Twins.Values
            .SelectMany(t => t.Readings.Select(r => (Twin: t.Id, Reading: r)))
            .Where(x => properties.Contains(x.Reading.Measurement.Name))
            .GroupBy(x => x.Reading.EventId, StringComparer.Ordinal)
            .Select(g => (Twins: g.Select(x => x.Twin).ToList(), g.First().Reading));
        foreach (var byCredential in readings.GroupBy(x => CredentialOf(x.Reading.EventId), StringComparer.Ordinal))
        {
            var outside = new List<(TwinReading Reading, decimal? Minimum, decimal? Maximum)>();
            var twins = byCredential.SelectMany(x => x.Twins).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (_, reading) in byCredential)
            {
                var m = reading.Measurement;
                var minimum = m.Minimum ?? (m.Maximum is null ? policy.ColdChainMinimum : null);
                var maximum = m.Maximum ?? (m.Minimum is null ? policy.ColdChainMaximum : null);
                if ((minimum is { } min && m.Value < min) || (maximum is { } max && m.Value > max))
                {
                    outside.Add((reading, minimum, maximum));
                }
            }

            if (outside.Count == 0)
            {
                yield return RuleHit.Of(false, byCredential.Key, null, ("credential", byCredential.Key), ("goods", string.Join(", ", twins)),
                    ("count", byCredential.Count().ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            var worst = outside.MaxBy(o => Distance(o.Reading.Measurement.Value, o.Minimum, o.Maximum));
            yield return RuleHit.Of(true, byCredential.Key, null,
                ("credential", byCredential.Key),
                ("goods", string.Join(", ", twins)),
                ("count", outside.Count.ToString(CultureInfo.InvariantCulture)),
                ("total", byCredential.Count().ToString(CultureInfo.InvariantCulture)),
                ("worst", $"{worst.Reading.Measurement.Value.ToString(CultureInfo.InvariantCulture)} {worst.Reading.Measurement.Unit}"),
                ("time", worst.Reading.Time.ToString("u", CultureInfo.InvariantCulture)),
                ("range", $"[{worst.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {worst.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "-"}]"));
        }
    }

    private static string CredentialOf(string eventId) => eventId[..Math.Max(0, eventId.LastIndexOf('#'))];

    private static decimal Distance(decimal value, decimal? minimum, decimal? maximum) =>
        minimum is { } min && value < min ? min - value : maximum is { } max && value > max ? value - max : 0;
}
