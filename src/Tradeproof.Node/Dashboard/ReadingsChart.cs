using System.Globalization;
using System.Text;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Sensor and meter readings of a twin: one inline SVG line chart per measurement (time across, value up, the allowed
/// range as dashed lines when the source states one), followed by the same readings as a table (the chart's text
/// alternative; the chart itself is <c>role="img"</c> with a summary). No script.
/// </summary>
internal static class ReadingsChart
{
    private const double Width = 600;
    private const double Height = 200;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 12;
    private const double Bottom = 28;

    /// <summary>Writes a chart and table per measurement name.</summary>
    public static void Write(HtmlWriter w, IReadOnlyList<TwinReading> readings)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(readings);
        var index = 0;
        foreach (var group in readings.GroupBy(r => r.Measurement.Name, StringComparer.Ordinal))
        {
            var series = group.OrderBy(r => r.Time).ToList();
            var unit = series[0].Measurement.Unit;
            var id = "readings-" + index++.ToString(CultureInfo.InvariantCulture);
            w.Element("h3", group.Key + (unit is null ? string.Empty : " (" + unit + ")"), ("id", id));
            Chart(w, series, id);
            Table(w, series, group.Key);
        }
    }

    private static void Chart(HtmlWriter w, List<TwinReading> series, string id)
    {
        var values = series.Select(r => r.Measurement.Value).ToList();
        var min = series.Select(r => r.Measurement.Minimum).Where(v => v is not null).Select(v => v!.Value).Concat(values).Min();
        var max = series.Select(r => r.Measurement.Maximum).Where(v => v is not null).Select(v => v!.Value).Concat(values).Max();
        if (min == max)
        {
            min -= 1;
            max += 1;
        }

        var t0 = series[0].Time;
        var span = (series[^1].Time - t0).TotalSeconds;
        double X(int i) => span <= 0 ? Left + ((Width - Left - Right) * (series.Count == 1 ? 0.5 : i / (double)(series.Count - 1))) : Left + ((Width - Left - Right) * (series[i].Time - t0).TotalSeconds / span);
        double Y(decimal v) => Top + ((Height - Top - Bottom) * (double)((max - v) / (max - min)));
        var outOfRange = series.Count(r => r.Measurement.IsOutOfRange);
        var summary = $"{series.Count} readings from {N(values.Min())} to {N(values.Max())}" + (outOfRange > 0 ? $", {outOfRange} outside the allowed range" : ", all within range") + "; the table below lists them.";

        w.Open("svg", ("class", "chart"), ("viewbox", $"0 0 {N(Width)} {N(Height)}"), ("role", "img"), ("aria-labelledby", id + "-summary"));
        w.Element("title", summary, ("id", id + "-summary"));
        w.Open("line", ("class", "axis"), ("x1", N(Left)), ("y1", N(Top)), ("x2", N(Left)), ("y2", N(Height - Bottom))).Close("line");
        w.Open("line", ("class", "axis"), ("x1", N(Left)), ("y1", N(Height - Bottom)), ("x2", N(Width - Right)), ("y2", N(Height - Bottom))).Close("line");
        foreach (var value in new[] { max, min })
        {
            w.Open("text", ("x", N(Left - 6)), ("y", N(Y(value) + 4)), ("text-anchor", "end")).Text(N(value)).Close("text");
        }

        foreach (var limit in new[] { series.Select(r => r.Measurement.Minimum).FirstOrDefault(v => v is not null), series.Select(r => r.Measurement.Maximum).FirstOrDefault(v => v is not null) })
        {
            if (limit is { } l)
            {
                w.Open("line", ("class", "limit"), ("x1", N(Left)), ("y1", N(Y(l))), ("x2", N(Width - Right)), ("y2", N(Y(l))), ("stroke-dasharray", "4 3"), ("stroke", "#a4161a")).Close("line");
            }
        }

        w.Open("text", ("x", N(Left)), ("y", N(Height - 8))).Text(VerificationView.Time(series[0].Time)).Close("text");
        if (series.Count > 1)
        {
            w.Open("text", ("x", N(Width - Right)), ("y", N(Height - 8)), ("text-anchor", "end")).Text(VerificationView.Time(series[^1].Time)).Close("text");
        }

        var points = new StringBuilder();
        for (var i = 0; i < series.Count; i++)
        {
            points.Append(N(X(i))).Append(',').Append(N(Y(series[i].Measurement.Value))).Append(' ');
        }

        w.Open("polyline", ("class", "series"), ("points", points.ToString().TrimEnd())).Close("polyline");
        for (var i = 0; i < series.Count; i++)
        {
            w.Open("circle", ("class", series[i].Measurement.IsOutOfRange ? "dot out" : "dot"), ("cx", N(X(i))), ("cy", N(Y(series[i].Measurement.Value))), ("r", "3")).Close("circle");
        }

        w.Close("svg");
    }

    private static void Table(HtmlWriter w, List<TwinReading> series, string name)
    {
        w.Open("table").Element("caption", name + " readings")
            .Open("thead").Open("tr").Element("th", "Time", ("scope", "col")).Element("th", "Value", ("scope", "col"))
            .Element("th", "Allowed range", ("scope", "col")).Element("th", "Status", ("scope", "col")).Element("th", "Place", ("scope", "col")).Close("tr").Close("thead")
            .Open("tbody");
        foreach (var r in series)
        {
            var m = r.Measurement;
            var range = m.Minimum is null && m.Maximum is null ? "not stated" : (m.Minimum is { } lo ? N(lo) : "…") + " to " + (m.Maximum is { } hi ? N(hi) : "…");
            w.Open("tr").Element("td", VerificationView.Time(r.Time)).Element("td", N(m.Value) + (m.Unit is null ? string.Empty : " " + m.Unit))
                .Element("td", range).Open("td");
            VerificationView.Outcome(w, m.IsOutOfRange ? "out of range" : "in range");
            w.Close("td").Element("td", r.Location?.ToString()).Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string N(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
