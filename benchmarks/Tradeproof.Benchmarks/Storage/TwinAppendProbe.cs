using System.Diagnostics;
using System.Globalization;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Benchmarks.Storage;

/// <summary>
/// <c>twin-probe [N] [GROUP] [--prefill SUBMISSIONS]</c>: the SQLite writer's twin append alone (issue #7), in process,
/// without signing or verifying anything. Each "submission" appends what a fresh <c>LoadGen submit --fresh</c>
/// presentation appends: 5 mill test reports, each a <c>described</c> event (~920-byte payload) and an
/// <c>originClaimed</c> event (~470 bytes) naming a new lot and the one shared heat, i.e. 20 rows in 6 streams (5 new lot
/// streams, the heat's stream), with their 20 log leaves, in one <see cref="ITwinEventStore.AppendManyAsync"/> call.
/// GROUP submissions share a unit of work with a savepoint each, as the group commit's leader runs them. Prints the
/// writer thread's CPU per submission for the appends and for the commit (the log's leaves flushed, fsync), bytes written
/// (/proc/self/io wchar: WAL and checkpoints) and the database's growth per submission. The payloads' text is the
/// stored form of the events <c>intake-probe</c> stores (same sizes, ids varied).
/// </summary>
internal static class TwinAppendProbe
{
    private const string Tenant = "probe";
    private const string Heat = "H24-118734";
    private const int Reports = 5;

    public static int Run(string[] args)
    {
        var prefill = 0;
        var at = Array.IndexOf(args, "--prefill");
        if (at >= 0)
        {
            prefill = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
            args = [.. args[..at], .. args[(at + 2)..]];
        }

        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var group = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
        var folder = Directory.CreateTempSubdirectory("tradeproof-twin-probe-").FullName;
        try
        {
            RunAsync(Path.Combine(folder, "node.db"), n, group, prefill).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static async Task RunAsync(string path, int n, int group, int prefill)
    {
        var clock = new Credentials.SubmissionProbe.FixedClock(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = path, Time = clock, Random = SystemRandomSource.Instance, OperatorKey = new OperatorKey(new byte[32]) });
        _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Probe"));
        var next = 0;
        if (prefill > 0)
        {
            for (; next < prefill; next += 100)
            {
                await using var unit = await store.BeginAsync();
                for (var s = next; s < next + 100; s++)
                {
                    _ = await unit.TwinEvents.AppendManyAsync(Tenant, Submission(s));
                }

                await unit.CommitAsync();
            }
        }

        // Warm-up (the JIT), then the measured submissions.
        var warmup = Math.Min(n / 5, 500);
        _ = await RunGroupsAsync(store, next, warmup, group);
        next += warmup;
        var size = new FileInfo(path).Length + WalLength(path);
        var written = WrittenBytes();
        var wall = Stopwatch.StartNew();
        var (appendNs, commitNs) = await RunGroupsAsync(store, next, n, group);
        var elapsed = wall.Elapsed;
        var writtenKiB = (WrittenBytes() - written) / 1024.0 / n;
        var grownKiB = (new FileInfo(path).Length + WalLength(path) - size) / 1024.0 / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"twin-probe: {n} submissions of 20 events in 6 streams, groups of {group}, {prefill} prefilled: {n / elapsed.TotalSeconds:F0}/s; writer thread CPU per submission: append {appendNs / 1000.0 / n:F0} µs, commit (log flush, fsync) {commitNs / 1000.0 / n:F0} µs; written {writtenKiB:F1} KiB/submission; file growth {grownKiB:F1} KiB/submission; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private static long WalLength(string path) => new FileInfo(path + "-wal") is { Exists: true } wal ? wal.Length : 0;

    private static long WrittenBytes() => File.Exists("/proc/self/io")
        ? long.Parse(File.ReadLines("/proc/self/io").First(l => l.StartsWith("wchar:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture)
        : 0;

    private static async Task<(long AppendNs, long CommitNs)> RunGroupsAsync(ITradeproofStore store, int first, int count, int group)
    {
        long appendNs = 0, commitNs = 0;
        for (var offset = 0; offset < count; offset += group)
        {
            var appends = Enumerable.Range(first + offset, Math.Min(group, count - offset)).Select(Submission).ToList();
            await using var unit = await store.BeginAsync();
            foreach (var a in appends)
            {
                await unit.SavepointAsync("group_member");
                var c = ThreadCpu.Nanoseconds();
                var results = await unit.TwinEvents.AppendManyAsync(Tenant, a);
                appendNs += ThreadCpu.Nanoseconds() - c;
                if (results.Any(r => !r.Succeeded))
                {
                    throw new InvalidOperationException("conflict");
                }

                await unit.ReleaseSavepointAsync("group_member");
            }

            var t = ThreadCpu.Nanoseconds();
            await unit.CommitAsync();
            commitNs += ThreadCpu.Nanoseconds() - t;
        }

        return (appendNs, commitNs);
    }

    /// <summary>Submission <paramref name="s"/>'s appends: 5 lot streams of 2 events, the heat's stream of all 10, in ordinal order.</summary>
    private static List<StreamAppend> Submission(int s)
    {
        var heat = new List<TwinEventData>(2 * Reports);
        var appends = new List<StreamAppend>(Reports + 1);
        for (var c = 0; c < Reports; c++)
        {
            var lot = string.Create(CultureInfo.InvariantCulture, $"F-{s:D6}-{c:D2}");
            var credential = "urn:uuid:" + new Guid(s, (short)c, 0x4b71, 0x97, 0x6b, 0x96, 0x41, 0xd4, 0x07, 0x22, 0x39).ToString();
            TwinEventData Event(int k, string type, string payload) => new(
                credential + "#" + k.ToString(CultureInfo.InvariantCulture), type,
                "{\"type\":\"" + type + "\",\"id\":\"" + credential + "#" + k.ToString(CultureInfo.InvariantCulture) + "\",\"subjects\":[\"" + lot + "\",\"" + Heat + "\"]," + Source(credential) + payload + "}",
                [lot, Heat]);
            TwinEventData[] events = [Event(0, "described", Described), Event(1, "originClaimed", Origin)];
            heat.AddRange(events);
            appends.Add(new StreamAppend(lot, events));
        }

        appends.Add(new StreamAppend(Heat, heat));
        return [.. appends.OrderBy(a => a.StreamId, StringComparer.Ordinal)];
    }

    private const string Issuer = "did:key:z6MkqDRy2FuxdkmXMQNrvDCt4g87X8j11gWwSK5HjVnPhjTP";

    private static string Source(string credential) =>
        "\"time\":\"2025-03-14T09:30:00\\u002B00:00\",\"source\":{\"kind\":\"credential\",\"credentialId\":\"" + credential +
        "\",\"credentialType\":\"MillTestReportCredential\",\"issuer\":\"" + Issuer + "\",\"receivedAt\":\"2025-04-13T09:30:00\\u002B00:00\"},";

    private const string Described = "\"payload\":{\"description\":\"Hot-rolled steel coil, pickled and oiled grade ASTM A572 Grade 50\",\"hsCode\":\"7208.51\",\"quantity\":24850,\"unit\":\"KGM\"," +
        "\"to\":{\"id\":\"" + Issuer + "\",\"name\":\"Great Lakes Steelworks Quality Department\"},\"attributes\":[{\"name\":\"heatNumber\",\"value\":\"H24-118734\"}," +
        "{\"name\":\"certificateNumber\",\"value\":\"GLS-MTR-2025-004817\"},{\"name\":\"standard\",\"value\":\"ASTM A572/A572M-21\"},{\"name\":\"meltPractice\",\"value\":\"Electric Arc Furnace\"},{\"name\":\"pieces\",\"value\":\"1\"}]}";

    private const string Origin = "\"payload\":{\"originKind\":\"countryOfMeltAndPour\",\"country\":\"US\"}";
}
