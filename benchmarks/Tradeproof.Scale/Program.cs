using System.Diagnostics;
using System.Globalization;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Scale;

/// <summary>Scale benchmarks of issue #10 (see benchmarks/scale/run.sh and docs/scaling.md).</summary>
internal static class Program
{
    private const string Usage = """
        usage:
          Tradeproof.Scale ingest    --store sqlite --path DIR | --store postgres --connection CS
                                     --fixture mill-test-report.json [--credentials 1000000] [--events-per-credential 10]
                                     [--batch 5000] [--stream-batch 500] [--samples 1000] [--in-flight 2] [--skip-twins]
             ingests credentials (with one inbox presentation per 10) and then their twins' events up to each
             power of ten (10^3 .. --credentials), and at each size measures query p50/p99, log proofs and disk size;
             prints a markdown table; with --explain the query plans at the largest size. --in-flight: batches made
             and ingested concurrently (the next is prepared while one writes; 1 = one caller); --skip-twins: credentials only.
          Tradeproof.Scale queries   (the ingest's store options) --credentials N [--samples 1000] [--explain] [--inbox-index]
             the query measurements again on a database an ingest run left with N credentials and N twins.
          Tradeproof.Scale ecommerce --store sqlite --path DIR | --store postgres --connection CS
                                     [--count 1000000] [--chunk 10000] [--threads N]
             de minimis credentials (CBPSection321DeMinimisCredential, eddsa-jcs-2022) signed by a marketplace,
             verified on every core, their twin events extracted, ingested in batches of 1,000 with one presentation each.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = Options.Parse(args.Skip(1));
        try
        {
            switch (args[0])
            {
                case "ingest":
                    await IngestRun.RunAsync(options).ConfigureAwait(false);
                    return 0;
                case "queries":
                    await IngestRun.QueriesOnlyAsync(options).ConfigureAwait(false);
                    return 0;
                case "ecommerce":
                    await ECommerceRun.RunAsync(options).ConfigureAwait(false);
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("Tradeproof.Scale: " + e.Message);
            return 2;
        }
    }

    /// <summary>Opens the store named by the options (durable settings as the node uses them).</summary>
    public static async Task<ITradeproofStore> OpenStoreAsync(Options options)
    {
        var key = new OperatorKey(new byte[32]);
        var store = options.Store switch
        {
            "sqlite" => await SqliteStore.OpenAsync(new SqliteStoreOptions
            {
                DatabasePath = Path.Combine(options.Required("path"), "store.db"),
                Time = TimeProvider.System,
                Random = SystemRandomSource.Instance,
                OperatorKey = key,
            }).ConfigureAwait(false),
            "postgres" => await PostgresStore.OpenAsync(new PostgresStoreOptions
            {
                ConnectionString = options.Required("connection"),
                Time = TimeProvider.System,
                Random = SystemRandomSource.Instance,
                OperatorKey = key,
            }).ConfigureAwait(false),
            _ => throw new ArgumentException("--store is sqlite or postgres"),
        };
        if (await store.Tenants.GetAsync(Data.Tenant).ConfigureAwait(false) is null)
        {
            await store.Tenants.CreateAsync(new TenantRecord(Data.Tenant, "Acme Steel")).ConfigureAwait(false);
        }

        return store;
    }

    /// <summary>The database's size on disk: the SQLite files, or pg_database_size.</summary>
    public static async Task<long> DiskBytesAsync(Options options)
    {
        if (options.Store == "sqlite")
        {
            return new DirectoryInfo(options.Required("path")).EnumerateFiles().Sum(f => f.Length);
        }

        await using var connection = new Npgsql.NpgsqlConnection(options.Required("connection"));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";

    public static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>p50 and p99 in milliseconds of the timed calls.</summary>
    public static (double P50, double P99) Percentiles(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double q) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(q * milliseconds.Count) - 1)];
        return (At(0.50), At(0.99));
    }

    /// <summary>Times <paramref name="samples"/> calls (after a tenth as many untimed ones).</summary>
    public static async Task<(double P50, double P99)> TimeAsync(int samples, Func<int, Task> call)
    {
        for (var i = 0; i < Math.Max(10, samples / 10); i++)
        {
            await call(i).ConfigureAwait(false);
        }

        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i).ConfigureAwait(false);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return Percentiles(times);
    }
}

/// <summary>--name value options.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    options._values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                options._values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException("unexpected argument " + arg);
            }
        }

        if (name is not null)
        {
            options._values[name] = "true";
        }

        return options;
    }

    public string Store => Get("store", "sqlite");

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

    public string Required(string name) => _values.TryGetValue(name, out var value) ? value : throw new ArgumentException("--" + name + " is required");

    public long Long(string name, long fallback) => _values.TryGetValue(name, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);
}
