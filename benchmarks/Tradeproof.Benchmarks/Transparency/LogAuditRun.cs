using System.Diagnostics;
using Tradeproof.Storage;

namespace Tradeproof.Benchmarks.Transparency;

/// <summary>
/// <c>log-audit</c>: a one-shot timing of <see cref="TransparencyLogAudit"/> over the 1,000,000-leaf store (too long
/// for BenchmarkDotNet's iterations; one run, wall clock).
/// </summary>
internal static class LogAuditRun
{
    public static int Run()
    {
        return Task.Run(async () =>
        {
            await using var store = await LogStoreFixture.OpenMillionAsync(Console.Out);
            var watch = Stopwatch.StartNew();
            var report = await TransparencyLogAudit.RunAsync(store.Log, logKey: null);
            watch.Stop();
            Console.WriteLine($"audit of {report.Leaves:N0} leaves: {(report.Ok ? "ok" : "FAILED")} in {watch.Elapsed.TotalSeconds:F1} s ({report.Leaves / watch.Elapsed.TotalSeconds:N0} leaves/s)");
            return report.Ok && report.Leaves == LogStoreFixture.Size ? 0 : 1;
        }).GetAwaiter().GetResult();
    }
}
