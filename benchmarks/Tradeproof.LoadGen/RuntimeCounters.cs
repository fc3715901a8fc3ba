using System.Globalization;

namespace Tradeproof.LoadGen;

/// <summary>
/// The nodes' runtime counters over the measured phase, read from each node's <c>GET /metrics</c> (the runtime's
/// <c>System.Runtime</c> meter, loopback callers need no token) at the phase's start and end: garbage collections per
/// 1,000 requests by generation, GC pause and bytes allocated per request, and what the JIT compiled during the phase
/// (methods and milliseconds, summed over the nodes). Counts, unlike CPU times, do not move with the machine's speed.
/// </summary>
internal sealed class RuntimeCounters
{
    private static readonly string[] Series =
    [
        "dotnet_gc_collections_total{gc_heap_generation=\"gen0\"}",
        "dotnet_gc_collections_total{gc_heap_generation=\"gen1\"}",
        "dotnet_gc_collections_total{gc_heap_generation=\"gen2\"}",
        "dotnet_gc_pause_time_seconds_total",
        "dotnet_gc_heap_total_allocated_bytes_total",
        "dotnet_jit_compiled_methods_total",
        "dotnet_jit_compilation_time_seconds_total",
    ];

    private readonly IReadOnlyList<HttpClient> _clients;
    private readonly double[]? _start;

    private RuntimeCounters(IReadOnlyList<HttpClient> clients, double[]? start)
    {
        _clients = clients;
        _start = start;
    }

    /// <summary>Reads the counters at the measured phase's start.</summary>
    public static async Task<RuntimeCounters> StartAsync(IReadOnlyList<HttpClient> clients) => new(clients, await ReadAsync(clients));

    /// <summary>The differences since the start per request, as <c>key=value</c> pairs for the RESULT line.</summary>
    public async Task<string> PerRequestAsync(int requests)
    {
        var end = await ReadAsync(_clients);
        if (_start is null || end is null)
        {
            return "gc0_per_1k=- gc1_per_1k=- gc2_per_1k=- gc_pause_ms=- alloc_kb=- jit_methods=- jit_ms=-";
        }

        var n = Math.Max(1, requests);
        double D(int i) => end[i] - _start[i];
        return string.Create(CultureInfo.InvariantCulture,
            $"gc0_per_1k={D(0) * 1000 / n:F1} gc1_per_1k={D(1) * 1000 / n:F2} gc2_per_1k={D(2) * 1000 / n:F2} gc_pause_ms={D(3) * 1000 / n:F3} alloc_kb={D(4) / 1024 / n:F0} jit_methods={D(5):F0} jit_ms={D(6) * 1000:F0}");
    }

    // The series' values summed over the nodes; null when a node has no /metrics (switched off) or lacks a series.
    private static async Task<double[]?> ReadAsync(IReadOnlyList<HttpClient> clients)
    {
        var sums = new double[Series.Length];
        foreach (var client in clients)
        {
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var found = 0;
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
            {
                for (var i = 0; i < Series.Length; i++)
                {
                    if (line.Length > Series[i].Length && line.StartsWith(Series[i], StringComparison.Ordinal) && line[Series[i].Length] == ' ')
                    {
                        sums[i] += double.Parse(line.AsSpan(Series[i].Length + 1), CultureInfo.InvariantCulture);
                        found++;
                    }
                }
            }

            if (found != Series.Length)
            {
                return null;
            }
        }

        return sums;
    }
}
