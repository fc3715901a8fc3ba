using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// The map of where a twin has been: the embedded world outline (<c>Assets/world.svg</c>, Natural Earth 1:110m, see
/// docs/dashboard.md) with the places plotted by an equirectangular projection (x = longitude + 180, y = 90 - latitude,
/// degrees) and joined in time order. A place is plotted at its coordinates when it has them, else at its country's
/// position (the country, or the first two letters of its UN/LOCODE) from <c>Assets/countries.tsv</c>. No script.
/// The list of places below the map is its text alternative.
/// </summary>
internal static class TwinMap
{
    private static readonly FrozenDictionary<string, (double Latitude, double Longitude, string Name)> Countries = LoadCountries();

    /// <summary>A place in the twin's history.</summary>
    internal sealed record Place(DateTimeOffset Time, string Label, TwinLocation Location, double? Latitude, double? Longitude, bool Approximate);

    /// <summary>The name of a country by its ISO 3166-1 alpha-2 code, when known.</summary>
    public static string? CountryName(string? code) =>
        code is not null && Countries.TryGetValue(code.ToUpperInvariant(), out var c) ? c.Name : null;

    /// <summary>Where a location is: its coordinates, else its country's position (approximate), else nothing.</summary>
    public static (double? Latitude, double? Longitude, bool Approximate) Position(TwinLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (double.TryParse(location.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(location.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
        {
            return (lat, lon, false);
        }

        var country = location.Country ?? (location.PortCode is { Length: >= 2 } port ? port[..2] : null);
        return country is not null && Countries.TryGetValue(country.ToUpperInvariant(), out var c) ? (c.Latitude, c.Longitude, true) : (null, null, false);
    }

    /// <summary>Writes the map and its list of places (nothing when there is no place).</summary>
    public static void Write(HtmlWriter w, IReadOnlyList<Place> places)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(places);
        if (places.Count == 0)
        {
            w.Element("p", "No place is known for this twin.", ("class", "muted"));
            return;
        }

        var plotted = places.Where(p => p.Latitude is not null).ToList();
        if (plotted.Count > 0)
        {
            w.Open("svg", ("class", "map"), ("viewbox", "0 5 360 145"), ("role", "img"), ("aria-labelledby", "map-title"));
            w.Element("title", $"World map with {plotted.Count} of the twin's places, joined in time order", ("id", "map-title"));
            w.Open("image", ("href", DashboardAssets.Url("world.svg")), ("x", "0"), ("y", "0"), ("width", "360"), ("height", "180")).Close("image");
            if (plotted.Count > 1)
            {
                var points = new StringBuilder();
                foreach (var p in plotted)
                {
                    points.Append(X(p.Longitude!.Value)).Append(',').Append(Y(p.Latitude!.Value)).Append(' ');
                }

                w.Open("polyline", ("class", "route"), ("points", points.ToString().TrimEnd())).Close("polyline");
            }

            foreach (var p in plotted)
            {
                w.Open("circle", ("class", "place"), ("cx", X(p.Longitude!.Value)), ("cy", Y(p.Latitude!.Value)), ("r", "2.2"))
                    .Element("title", p.Label + ": " + p.Location)
                    .Close("circle");
            }

            w.Close("svg");
        }

        w.Open("ol", ("class", "places"), ("aria-label", "Places in time order"));
        foreach (var p in places)
        {
            w.Open("li").Element("time", VerificationView.Time(p.Time)).Text(" · " + p.Label + ": " + p.Location);
            if (p.Latitude is null)
            {
                w.Element("span", " (not on the map: no coordinates or known country)", ("class", "muted"));
            }
            else if (p.Approximate)
            {
                w.Element("span", " (plotted at the country)", ("class", "muted"));
            }

            w.Close("li");
        }

        w.Close("ol");
    }

    private static string X(double longitude) => (longitude + 180).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Y(double latitude) => (90 - latitude).ToString("0.##", CultureInfo.InvariantCulture);

    private static FrozenDictionary<string, (double, double, string)> LoadCountries()
    {
        var text = System.Text.Encoding.UTF8.GetString(DashboardAssets.Bytes("countries.tsv").Span);
        var countries = new Dictionary<string, (double, double, string)>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('\t');
            if (line.StartsWith('#') || fields.Length < 4)
            {
                continue;
            }

            countries[fields[0]] = (double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture), fields[3]);
        }

        return countries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
