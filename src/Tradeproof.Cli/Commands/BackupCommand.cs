using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tradeproof.Cryptography;
using Tradeproof.Node;
using Tradeproof.Storage;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof backup FILE [--data DIR | --postgres CONNSTR | --config FILE] [--force]</c>: an online backup of a
/// node's store while the node runs (SQLite: <c>VACUUM INTO</c>, a consistent snapshot, made a single self-contained
/// file; PostgreSQL: <c>pg_dump --format=custom</c> from PATH). Never overwrites FILE unless <c>--force</c>; FILE
/// appears only when complete (written beside it, then renamed). <c>tradeproof backup verify FILE</c> opens a SQLite
/// copy read-only, checks its schema against this build and audits its transparency log; a PostgreSQL archive is
/// listed with <c>pg_restore</c>, and with <c>--restore-into CONNSTR</c> (an empty database) restored and checked the
/// same way. The operator key is never in a backup: keep it separately.
/// </summary>
internal static class BackupCommand
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private static readonly byte[] PgDumpHeader = "PGDMP"u8.ToArray();

    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var file = new Argument<string>("FILE") { Description = "Where to write the backup (a SQLite file, or a pg_dump custom-format archive for PostgreSQL)." };
        var force = new Option<bool>("--force") { Description = "Replace FILE when it exists (refused otherwise)." };
        var store = new NodeStoreOptions();
        var backup = new Command("backup", "Back up a node's store while it runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump from PATH), or check a backup ('backup verify FILE'). The operator key is not in it: keep it separately.")
        {
            file, force,
        };
        store.AddTo(backup);
        backup.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var options = store.Read(parse);
            var target = parse.GetValue(file)!;
            var overwrite = parse.GetValue(force);
            if (File.Exists(target) && !overwrite)
            {
                throw new CliInputException($"{target} exists: give --force to replace it");
            }

            if (Directory.Exists(target))
            {
                throw new CliInputException($"{target} is a folder: give a file name");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
            if (!Directory.Exists(directory))
            {
                throw new CliInputException($"directory not found: {directory}");
            }

            var temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
            try
            {
                var what = options.PostgresConnectionString is { } connection ? DumpPostgres(connection, temporary) : CopySqlite(options, temporary);
                using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
                {
                    stream.Flush(flushToDisk: true);
                }

                try
                {
                    File.Move(temporary, target, overwrite);
                }
                catch (IOException) when (!overwrite && File.Exists(target))
                {
                    throw new CliInputException($"{target} exists: give --force to replace it");
                }

                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backed up {what} to {target} ({new FileInfo(target).Length:N0} bytes)"));
                console.Output.WriteLine(options.PostgresConnectionString is null
                    ? $"the operator key is not in the backup: keep {Path.Combine(options.DataDirectory, NodeStoreFactory.OperatorKeyFile)} separately; check the copy with 'tradeproof backup verify {target}'"
                    : $"the operator key (Node:OperatorKey) is not in the backup: keep it separately; check the archive with 'tradeproof backup verify {target} --restore-into CONNSTR'");
                return ExitCodes.Success;
            }
            finally
            {
                foreach (var leftover in new[] { temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm" })
                {
                    if (File.Exists(leftover))
                    {
                        File.Delete(leftover);
                    }
                }
            }
        }));
        backup.Add(CreateVerify(console));
        return backup;
    }

    // tradeproof backup verify FILE [--restore-into CONNSTR] [--json]
    private static Command CreateVerify(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A backup made by 'tradeproof backup' (a SQLite file or a pg_dump archive)." };
        var restoreInto = new Option<string?>("--restore-into") { HelpName = "CONNSTR", Description = "A PostgreSQL archive: restore it into this empty database with pg_restore, then check the schema and audit the log there." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (schema, audit as 'log audit --json'); exit codes unchanged." };
        var command = new Command("verify", "Check a backup: open a SQLite copy read-only, check its schema against this build and audit its transparency log (a pg_dump archive: listed, or restored into --restore-into and checked). Exit 0 when it checks, 1 when not.")
        {
            file, restoreInto, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("file not found", path);
            }

            var header = new byte[16];
            using (var stream = File.OpenRead(path))
            {
                stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            }

            if (header.AsSpan().StartsWith(SqliteHeader))
            {
                return Report(console, "sqlite", path, VerifySqlite(path), parse.GetValue(json));
            }

            if (!header.AsSpan().StartsWith(PgDumpHeader))
            {
                throw new CliInputException($"{path} is neither a SQLite database nor a pg_dump custom-format archive");
            }

            var entries = ListArchive(path);
            if (parse.GetValue(restoreInto) is not { } connection)
            {
                if (parse.GetValue(json))
                {
                    console.Output.WriteLine(CommandOutput.Json(w =>
                    {
                        w.WriteString("outcome", "listed");
                        w.WriteString("store", "postgres");
                        w.WriteString("file", path);
                        w.WriteNumber("archiveEntries", entries);
                    }));
                }
                else
                {
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: a pg_dump archive of {entries} entries with the store's tables; give --restore-into CONNSTR (an empty database) to check its schema and audit its log"));
                }

                return ExitCodes.Success;
            }

            Restore(path, connection);
            return Report(console, "postgres", path, VerifyPostgres(connection), parse.GetValue(json));
        }));
        return command;
    }

    private static string CopySqlite(NodeOptions options, string temporary)
    {
        var database = Path.Combine(options.DataDirectory, NodeStoreFactory.DatabaseFile);
        if (!File.Exists(database))
        {
            throw new CliInputException($"no store at {database}: check --data (or Node:DataDirectory in --config)");
        }

        // VACUUM INTO reads one consistent snapshot (a read transaction: the node keeps writing to its WAL meanwhile).
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString()))
        {
            source.Open();
            using var command = source.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 60000; VACUUM INTO $file";
            command.Parameters.AddWithValue("$file", temporary);
            command.ExecuteNonQuery();
        }

        // A single self-contained file (no -wal/-shm needed to read it); checked before it takes FILE's name.
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        copy.Open();
        using (var journal = copy.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = DELETE";
            journal.ExecuteNonQuery();
        }

        using (var check = copy.CreateCommand())
        {
            check.CommandText = "PRAGMA quick_check";
            if (check.ExecuteScalar() is not "ok")
            {
                throw new CliInputException("the copy failed SQLite's quick_check: nothing was written");
            }
        }

        var schema = StoreSchema.Read(copy, "sqlite");
        return string.Create(CultureInfo.InvariantCulture, $"{database} (SQLite, schema at migration {schema.Applied})");
    }

    private static string DumpPostgres(string connection, string temporary)
    {
        var builder = ParseConnection(connection);
        Run(Tool("pg_dump"), ["--format=custom", "--no-password", "--file=" + temporary, .. ConnectionArguments(builder)], builder.Password);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} (pg_dump, custom format)";
    }

    private static int ListArchive(string path)
    {
        var listing = Run(Tool("pg_restore"), ["--list", path], null);
        var lines = listing.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';')).ToList();
        foreach (var table in new[] { "schema_migrations", "log_leaves" })
        {
            if (!lines.Any(l => l.Contains("TABLE DATA ", StringComparison.Ordinal) && l.Contains(" " + table + " ", StringComparison.Ordinal)))
            {
                throw new CliInputException($"{path} is a pg_dump archive without the store's {table} data: not a Tradeproof store's backup");
            }
        }

        return lines.Count;
    }

    private static void Restore(string path, string connection)
    {
        var builder = ParseConnection(connection);
        using (var target = new NpgsqlConnection(builder.ConnectionString))
        {
            target.Open();
            using var command = target.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                throw new CliInputException($"{builder.Database} is not empty: --restore-into needs an empty database (create one with 'createdb')");
            }
        }

        Run(Tool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--no-password", .. ConnectionArguments(builder), path], builder.Password);
    }

    private static (StoreSchema.State Schema, LogAuditReport? Audit) VerifySqlite(string path)
    {
        StoreSchema.State schema;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            schema = StoreSchema.Read(connection, "sqlite");
        }

        if (schema.Problem is not null)
        {
            return (schema, null);
        }

        var audit = Task.Run(async () =>
        {
            await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = path, ReadOnly = true, ApplyMigrations = false, OperatorKey = UnusedKey, Time = TimeProvider.System, Random = SystemRandomSource.Instance }).ConfigureAwait(false);
            return await LogCommands.AuditAsync(store).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return (schema, audit);
    }

    private static (StoreSchema.State Schema, LogAuditReport? Audit) VerifyPostgres(string connection)
    {
        StoreSchema.State schema;
        using (var open = new NpgsqlConnection(connection))
        {
            open.Open();
            schema = StoreSchema.Read(open, "postgres");
        }

        if (schema.Problem is not null)
        {
            return (schema, null);
        }

        var audit = Task.Run(async () =>
        {
            await using var store = await PostgresStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connection, ApplyMigrations = false, OperatorKey = UnusedKey, Time = TimeProvider.System, Random = SystemRandomSource.Instance }).ConfigureAwait(false);
            return await LogCommands.AuditAsync(store).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        return (schema, audit);
    }

    // The audit reads hashes, public keys and signed notes only: no secret is opened, so the store's operator key is
    // not needed (and is not in a backup). The store contract requires one; this one never seals or opens anything.
    private static OperatorKey UnusedKey => OperatorKey.FromBase64(Convert.ToBase64String(new byte[OperatorKey.Length]));

    private static int Report(CliConsole console, string provider, string path, (StoreSchema.State Schema, LogAuditReport? Audit) result, bool json)
    {
        var (schema, audit) = result;
        var ok = schema.Problem is null && audit is { Ok: true };
        if (json)
        {
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("outcome", ok ? "verified" : "failed");
                w.WriteString("store", provider);
                w.WriteString("file", path);
                w.WriteStartObject("schema");
                w.WriteNumber("applied", schema.Applied);
                w.WriteNumber("known", schema.Known);
                w.WriteString("problem", schema.Problem);
                w.WriteEndObject();
                if (audit is null)
                {
                    w.WriteNull("audit");
                }
                else
                {
                    w.WriteStartObject("audit");
                    LogCommands.WriteAuditMembers(w, audit);
                    w.WriteEndObject();
                }
            }));
            return ok ? ExitCodes.Success : ExitCodes.InvalidInput;
        }

        console.Output.WriteLine(schema.Problem is { } problem
            ? $"schema: FAILED: {problem}"
            : string.Create(CultureInfo.InvariantCulture, $"schema: at migration {schema.Applied} of {schema.Known}{(schema.Current ? "" : " (older: a node of this build migrates it at start)")}"));
        if (audit is not null)
        {
            LogCommands.WriteAudit(console, audit, json: false);
        }

        console.Output.WriteLine(ok ? $"backup verified: {path}" : $"backup FAILED: {path}");
        return ok ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static NpgsqlConnectionStringBuilder ParseConnection(string connection)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"the PostgreSQL connection string is malformed: {e.Message}");
        }
    }

    // libpq's options from an Npgsql connection string (the password goes in PGPASSWORD, never on the command line).
    private static string[] ConnectionArguments(NpgsqlConnectionStringBuilder builder) =>
    [
        "--host=" + (builder.Host ?? "localhost"),
        "--port=" + builder.Port.ToString(CultureInfo.InvariantCulture),
        "--username=" + (builder.Username ?? Environment.UserName),
        "--dbname=" + (builder.Database ?? builder.Username ?? Environment.UserName),
    ];

    /// <summary>A PostgreSQL client tool found on PATH, or an error saying how to get it.</summary>
    private static string Tool(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new CliUnavailableException($"{name} is not on PATH: install PostgreSQL's client tools (Debian: apt-get install postgresql-client, the server's major version or newer) and run again");
    }

    private static string Run(string tool, string[] arguments, string? password)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new CliUnavailableException($"{tool} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var detail = error.GetAwaiter().GetResult().ReplaceLineEndings(" ").Trim();
            var message = $"{Path.GetFileName(tool)} exited with {process.ExitCode}: {detail}";
            throw detail.Contains("connection to server", StringComparison.Ordinal) || detail.Contains("could not connect", StringComparison.Ordinal)
                ? new CliUnavailableException(message + ": check the connection string and that the server is running")
                : new CliInputException(message);
        }

        return output.GetAwaiter().GetResult();
    }
}
