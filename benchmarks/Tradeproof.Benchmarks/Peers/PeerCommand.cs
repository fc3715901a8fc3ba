using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Tradeproof.Benchmarks.Peers;

/// <summary>
/// An operation timed side by side with a peer implementation (benchmarks/peers/compare-*.sh).
/// Add one by writing a class with a public parameterless constructor implementing this interface, in the folder of
/// the library it measures: <see cref="PeerCommand"/> finds it by reflection.
/// </summary>
internal interface IPeerOperation
{
    /// <summary>The operation name on the command line, e.g. <c>rdfc</c>; the Node side uses the same name.</summary>
    string Name { get; }

    /// <summary>What is measured, e.g. <c>Tradeproof RDFC-1.0</c>.</summary>
    string Implementation { get; }

    /// <summary>Reads the input (outside the timing) and returns the action to time.</summary>
    Action Prepare(string inputPath);
}

/// <summary>
/// <c>peer &lt;op&gt; &lt;input-file&gt; [--warmup-ms 1000] [--measure-ms 2000]</c>: warms up for the warm-up CPU time,
/// then runs the operation repeatedly on one thread until the measure CPU time is used, and prints one JSON line
/// (the shape benchmarks/peers/time.mjs prints):
/// wall-clock µs per operation and process CPU µs per operation (less sensitive to other load on a shared machine).
/// </summary>
internal static class PeerCommand
{
    public static int Run(string[] args)
    {
        Type?[] types;
        try
        {
            types = typeof(PeerCommand).Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Benchmarks of other libraries may reference an assembly missing from this build: skip those types.
            types = e.Types;
        }

        var operations = types
            .OfType<Type>()
            .Where(t => typeof(IPeerOperation).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IPeerOperation)Activator.CreateInstance(t)!)
            .ToDictionary(o => o.Name, StringComparer.Ordinal);
        if (args.Length < 2 || !operations.TryGetValue(args[0], out var operation))
        {
            Console.Error.WriteLine("usage: Tradeproof.Benchmarks peer <op> <input-file> [--warmup-ms N] [--measure-ms N]; operations: "
                + string.Join(", ", operations.Keys.Order(StringComparer.Ordinal)));
            return 2;
        }

        var warmupMs = Option(args, "--warmup-ms", 1000);
        var measureMs = Option(args, "--measure-ms", 2000);
        var action = operation.Prepare(args[1]);
        Loop(action, warmupMs);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var (count, seconds) = Loop(action, measureMs);
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["impl"] = operation.Implementation,
            ["op"] = operation.Name,
            ["input"] = Path.GetFileName(args[1]),
            ["ops"] = count,
            ["seconds"] = Math.Round(seconds, 3),
            ["opsPerSec"] = Math.Round(count / seconds),
            ["usPerOp"] = Math.Round(seconds * 1e6 / count, 2),
            ["cpuUsPerOp"] = Math.Round(cpuSeconds * 1e6 / count, 2),
        });
        Console.WriteLine(line);
        return 0;
    }

    // Runs the action in growing batches until the process has used `milliseconds` of CPU time. Budgets in CPU time
    // rather than wall time keep the work done comparable on a shared, overloaded machine, and make sure the warm-up
    // really gives the JIT time to reach optimized code.
    private static (long Count, double Seconds) Loop(Action action, int milliseconds)
    {
        var limit = TimeSpan.FromMilliseconds(milliseconds);
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long count = 0;
        var batch = 1;
        while (true)
        {
            for (var i = 0; i < batch; i++)
            {
                action();
            }

            count += batch;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuStart;
            if (cpu >= limit)
            {
                break;
            }

            if (cpu < limit / 20)
            {
                batch *= 2;
            }
        }

        return (count, watch.Elapsed.TotalSeconds);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
