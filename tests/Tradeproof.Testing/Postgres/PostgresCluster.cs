using System.Diagnostics;
using Npgsql;

namespace Tradeproof.Testing.Postgres;

/// <summary>
/// A private PostgreSQL cluster for the test run: initdb in a temp folder, a unix socket in that folder (no TCP),
/// a free port number, started on first use and stopped and deleted when the test process exits. As root the
/// server runs as the <c>postgres</c> user (<c>runuser -u postgres --</c>). The binaries come from
/// <c>TRADEPROOF_PG_BIN</c>, Debian's <c>/usr/lib/postgresql/15/bin</c>, or the newest <c>/usr/lib/postgresql/N/bin</c>.
/// </summary>
public static class PostgresCluster
{
    private static readonly Lazy<string?> Missing = new(FindMissing);
    private static readonly Lazy<Task<Instance>> Started = new(StartAsync);
    private static int s_databases;

    private sealed record Instance(string Folder, string SocketFolder, int Port);

    public static string BinFolder { get; } = FindBinFolder();

    /// <summary>True under CI (<c>CI=true</c>), where a missing PostgreSQL fails the tests instead of skipping them.</summary>
    public static bool InContinuousIntegration => Ci.IsSet;

    /// <summary>Why PostgreSQL cannot run here, or null.</summary>
    public static string? UnavailableReason => Missing.Value;

    /// <summary>
    /// Why a test that needs PostgreSQL is skipped here: the reason it cannot run, except under CI, where nothing is
    /// skipped (the test runs and fails with the reason).
    /// </summary>
    public static string? SkipReason => Ci.SkipReason(UnavailableReason);

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates a fresh database on the cluster (started on first use) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException((InContinuousIntegration ? "CI=true and PostgreSQL is missing: " : string.Empty) + reason);
        }

        var instance = await Started.Value.ConfigureAwait(false);
        var admin = ConnectionString(instance, "postgres");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return ConnectionString(instance, name);
    }

    /// <summary>A fresh database named <paramref name="prefix"/>, the process id and a counter; its connection string.</summary>
    public static Task<string> CreateUniqueDatabaseAsync(string prefix) =>
        CreateDatabaseAsync($"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}");

    /// <summary>The cluster's data folder (for the raw-file secrecy check).</summary>
    public static async Task<string> DataFolderAsync() => Path.Combine((await Started.Value.ConfigureAwait(false)).Folder, "data");

    private static string ConnectionString(Instance instance, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = instance.SocketFolder,
            Port = instance.Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 120,
            Timeout = 30,
        }.ToString();

    private static string? FindMissing()
    {
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(BinFolder, tool)))
            {
                return $"PostgreSQL is not installed ({Path.Combine(BinFolder, tool)} is missing): `apt-get install -y postgresql` (Debian's 15), or set TRADEPROOF_PG_BIN.";
            }
        }

        if (IsRoot && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            return "Running as root without runuser: PostgreSQL refuses to run as root.";
        }

        return null;
    }

    private static async Task<Instance> StartAsync()
    {
        RemoveAbandoned();
        var folder = Path.Combine(Path.GetTempPath(), $"tradeproof-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        var port = FreePort.Loopback();
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", folder]).ConfigureAwait(false);
        }

        var data = Path.Combine(folder, "data");
        await RunPostgresToolAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]).ConfigureAwait(false);
        await RunPostgresToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {folder} -c listen_addresses='' -c max_connections=300 -c shared_buffers=64MB -c fsync=on -c synchronous_commit=on"]).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(data, folder);
        StartWatchdog(data, folder);
        return new Instance(folder, folder, port);
    }

    /// <summary>
    /// A detached shell that outlives the test process: when it is gone (even killed), the cluster is stopped and
    /// its folder removed. The ProcessExit handler does the same sooner when the test host exits normally.
    /// </summary>
    private static void StartWatchdog(string data, string folder)
    {
        var pgCtl = Path.Combine(BinFolder, "pg_ctl");
        var stop = (IsRoot ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'") + $" -D '{data}' -m immediate -w stop";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf '{folder}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
    }

    private static string FindBinFolder()
    {
        if (Environment.GetEnvironmentVariable("TRADEPROOF_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string debian15 = "/usr/lib/postgresql/15/bin";
        if (Directory.Exists(debian15) || !Directory.Exists("/usr/lib/postgresql"))
        {
            return debian15;
        }

        // Another Debian release: the newest installed major version.
        return Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Folder, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Folder)
            .FirstOrDefault() ?? debian15;
    }

    private static void Stop(string data, string folder)
    {
        try
        {
            RunAsync(IsRoot ? "runuser" : Path.Combine(BinFolder, "pg_ctl"),
                IsRoot ? ["-u", "postgres", "--", Path.Combine(BinFolder, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"] : ["-D", data, "-m", "immediate", "-w", "stop"])
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Stopping is best effort; the folder is removed below either way.
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next run removes folders whose test process is gone.
        }
    }

    /// <summary>Stops and removes clusters left by test processes that no longer exist (killed runs).</summary>
    private static void RemoveAbandoned()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "tradeproof-pg-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                Stop(data, folder);
            }
            else
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Task RunPostgresToolAsync(string tool, string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, tool), .. arguments])
            : RunAsync(Path.Combine(BinFolder, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
