using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Tradeproof.Node;

/// <summary>
/// Aggregates one Meter's measurements with a <see cref="MeterListener"/> and writes them in the Prometheus text
/// exposition format (version 0.0.4): counters as <c>NAME_total</c>, histograms as cumulative <c>NAME_bucket{le=...}</c>
/// with <c>_sum</c> and <c>_count</c>, up-down counters and gauges as gauges. Names: dots become underscores, a unit of
/// seconds adds <c>_seconds</c>, of bytes (<c>By</c>) <c>_bytes</c>. Only instruments of the given Meter instance are
/// listened to, and, when asked, those of the runtime's own <c>System.Runtime</c> meter (.NET 9+: GC collections,
/// pause time and bytes allocated, JIT compiled methods and time, process CPU time, thread pool, lock contention,
/// exceptions).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The response's media type.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] Bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The name of the runtime's built-in meter (System.Diagnostics.Metrics, .NET 9 and later).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    private readonly Meter _meter;
    private readonly bool _runtime;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();

    /// <summary>Starts listening to <paramref name="meter"/>'s instruments and, if <paramref name="runtimeMetrics"/>, to the
    /// runtime's <see cref="RuntimeMeterName"/> meter.</summary>
    public PrometheusExporter(Meter meter, bool runtimeMetrics = false)
    {
        _meter = meter ?? throw new ArgumentNullException(nameof(meter));
        _runtime = runtimeMetrics;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _meter) || (_runtime && instrument.Meter.Name == RuntimeMeterName))
                {
                    _families.TryAdd(instrument, new Family(instrument));
                    listener.EnableMeasurementEvents(instrument, this);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The current values in the text format.</summary>
    public string Collect()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.Write(text);
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_families.TryGetValue(instrument, out var family))
        {
            family.Record(tags, value);
        }
    }

    // The label set as Prometheus writes it, sorted by name (made once per series).
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(Name(key)).Append("=\"");
            foreach (var c in Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)
            {
                _ = c switch
                {
                    '\\' => text.Append("\\\\"),
                    '"' => text.Append("\\\""),
                    '\n' => text.Append("\\n"),
                    _ => text.Append(c),
                };
            }

            text.Append('"');
        }

        return text.ToString();
    }

    private static string Name(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    // A series' identity without building its label text: up to four tags, ordered by name (more: the label text).
    private readonly record struct TagKey(string? K0, object? V0, string? K1, object? V1, string? K2, object? V2, string? K3, object? V3, string? Text)
    {
        public static TagKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length > 4)
            {
                return new TagKey(null, null, null, null, null, null, null, null, Labels(tags));
            }

            Span<int> order = stackalloc int[tags.Length];
            for (var i = 0; i < order.Length; i++)
            {
                var j = i;
                while (j > 0 && string.CompareOrdinal(tags[order[j - 1]].Key, tags[i].Key) > 0)
                {
                    order[j] = order[j - 1];
                    j--;
                }

                order[j] = i;
            }

            var a = order.Length > 0 ? tags[order[0]] : default;
            var b = order.Length > 1 ? tags[order[1]] : default;
            var c = order.Length > 2 ? tags[order[2]] : default;
            var d = order.Length > 3 ? tags[order[3]] : default;
            return new TagKey(a.Key, a.Value, b.Key, b.Value, c.Key, c.Value, d.Key, d.Value, null);
        }
    }

    private sealed class Family
    {
        private readonly ConcurrentDictionary<TagKey, Series> _series = new();
        private readonly string _kind;
        private readonly string _help;

        public Family(Instrument instrument)
        {
            var name = Name(instrument.Name);
            if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
            {
                name += "_seconds";
            }
            else if (instrument.Unit == "By" && !name.EndsWith("_bytes", StringComparison.Ordinal))
            {
                name += "_bytes"; // UCUM's byte, as the runtime's meter writes it
            }

            var type = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
            (_kind, Name) = type == typeof(Counter<>) || type == typeof(ObservableCounter<>)
                ? ("counter", name + "_total")
                : type == typeof(Histogram<>) ? ("histogram", name) : ("gauge", name);
            IsCumulative = type == typeof(Counter<>) || type == typeof(UpDownCounter<>);
            _help = (instrument.Description ?? instrument.Name).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        }

        public string Name { get; }

        private bool IsCumulative { get; }

        public void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags, double value)
        {
            var key = TagKey.From(tags);
            if (!_series.TryGetValue(key, out var series))
            {
                series = _series.GetOrAdd(key, new Series(Labels(tags)));
            }

            lock (series)
            {
                if (_kind == "histogram")
                {
                    series.Count++;
                    series.Sum += value;
                    series.Buckets ??= new long[Bounds.Length];
                    for (var i = 0; i < Bounds.Length; i++)
                    {
                        if (value <= Bounds[i])
                        {
                            series.Buckets[i]++;
                            break;
                        }
                    }
                }
                else if (IsCumulative)
                {
                    series.Sum += value;
                }
                else
                {
                    series.Sum = value; // observable instruments report the current value
                }
            }
        }

        public void Write(StringBuilder text)
        {
            if (_series.IsEmpty)
            {
                return;
            }

            text.Append("# HELP ").Append(Name).Append(' ').Append(_help).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind).Append('\n');
            foreach (var series in _series.Values.OrderBy(p => p.Labels, StringComparer.Ordinal))
            {
                var labels = series.Labels;
                lock (series)
                {
                    if (_kind != "histogram")
                    {
                        Line(text, Name, labels, null, Number(series.Sum));
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < Bounds.Length; i++)
                    {
                        cumulative += series.Buckets![i];
                        Line(text, Name + "_bucket", labels, Number(Bounds[i]), cumulative.ToString(CultureInfo.InvariantCulture));
                    }

                    Line(text, Name + "_bucket", labels, "+Inf", series.Count.ToString(CultureInfo.InvariantCulture));
                    Line(text, Name + "_sum", labels, null, Number(series.Sum));
                    Line(text, Name + "_count", labels, null, series.Count.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? le, string value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(value).Append('\n');
        }
    }

    private sealed class Series(string labels)
    {
        public string Labels { get; } = labels;

        public long Count { get; set; }

        public double Sum { get; set; }

        public long[]? Buckets { get; set; }
    }
}
