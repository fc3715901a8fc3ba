using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Tradeproof.Benchmarks.Storage;

/// <summary>
/// Where a phase's written pages go, per B-tree (<c>intake-probe --pages</c>). A reader connection holds a snapshot
/// taken just after a write of its own, so the WAL can neither be started over nor checkpointed past that snapshot:
/// every frame the phase commits stays in the WAL. The frames are then read from the file
/// (https://www.sqlite.org/fileformat2.html section 4.1: a 32-byte header, then per frame a 24-byte header, the page
/// number and, on a transaction's last frame, the database size, and the page) and each page number is mapped to its
/// table or index with the <c>dbstat</c> virtual table.
/// </summary>
internal static class WalPages
{
    /// <summary>Commits between two checkpoints beside the writer (SqliteCheckpointer.CommitsPerCheckpoint): pages rewritten within such a window are copied once.</summary>
    private const int CheckpointWindow = 8;

    private sealed record Frame(uint Page, bool Commit);

    public static async Task MeasureAsync(string databasePath, int submissions, Func<Task> phase)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 60 }.ToString();
        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        await ExecuteAsync(reader, "PRAGMA busy_timeout = 60000");

        // A frame of our own in the WAL, then a read snapshot that includes it: the snapshot's read mark is above 0, so
        // no checkpoint copies past it and no writer starts the WAL over until the snapshot ends.
        await ExecuteAsync(reader, "UPDATE tenants SET display_name = display_name");
        await ExecuteAsync(reader, "BEGIN");
        _ = await ScalarAsync(reader, "SELECT size FROM log_state");
        var (salt, before) = ReadWal(databasePath + "-wal");
        await phase();
        var (saltAfter, after) = ReadWal(databasePath + "-wal");
        await ExecuteAsync(reader, "COMMIT");
        if (saltAfter != salt || after.Count < before.Count)
        {
            Console.WriteLine("pages: the WAL was started over during the phase (the reader's snapshot did not hold it); no page map.");
            return;
        }

        var frames = after.Skip(before.Count).ToList();
        var pageSize = Convert.ToInt64(await ScalarAsync(reader, "PRAGMA page_size"), CultureInfo.InvariantCulture);
        var owner = new Dictionary<uint, string>();
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal) { ["sqlite_schema"] = "table" };
        await using (var command = reader.CreateCommand())
        {
            command.CommandText = "SELECT name, type FROM sqlite_schema WHERE rootpage > 0";
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                kinds[rows.GetString(0)] = rows.GetString(1);
            }
        }

        // The bundled e_sqlite3 has no dbstat: the sqlite3 command line (Debian's has it) reads the page owners.
        foreach (var line in PageOwners(databasePath))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            owner[uint.Parse(line[..bar], CultureInfo.InvariantCulture)] = line[(bar + 1)..];
        }

        // Per commit (one group commit, or our own marker write) the distinct pages of each B-tree; per window of
        // CheckpointWindow commits the distinct pages, what a checkpoint beside the writer copies at most.
        var commits = new List<HashSet<uint>>();
        var current = new HashSet<uint>();
        foreach (var frame in frames)
        {
            _ = current.Add(frame.Page);
            if (frame.Commit)
            {
                commits.Add(current);
                current = [];
            }
        }

        string Name(uint page) => owner.TryGetValue(page, out var name) ? name : "(free list, pointer map)";
        var perCommit = new Dictionary<string, long>(StringComparer.Ordinal);
        var perWindow = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var commit in commits)
        {
            foreach (var page in commit)
            {
                perCommit[Name(page)] = perCommit.GetValueOrDefault(Name(page)) + 1;
            }
        }

        for (var w = 0; w < commits.Count; w += CheckpointWindow)
        {
            foreach (var page in commits.Skip(w).Take(CheckpointWindow).SelectMany(c => c).Distinct())
            {
                perWindow[Name(page)] = perWindow.GetValueOrDefault(Name(page)) + 1;
            }
        }

        var total = perCommit.Values.Sum();
        var windowTotal = perWindow.Values.Sum();
        var groups = Math.Max(commits.Count, 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pages: {submissions} submissions in {commits.Count} commits (mean group {(double)submissions / groups:F1}), {frames.Count:N0} WAL frames = {frames.Count * (pageSize + 24) / 1024.0 / submissions:F1} KiB/submission; a checkpoint every {CheckpointWindow} commits copies at most {windowTotal * pageSize / 1024.0 / submissions:F1} KiB/submission"));
        Console.WriteLine($"| B-tree | kind | pages per group | pages per submission | share | copied per submission (distinct per {CheckpointWindow} groups) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, count) in perCommit.OrderByDescending(e => e.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {kinds.GetValueOrDefault(name, "-")} | {(double)count / groups:F1} | {(double)count / submissions:F2} | {100.0 * count / total:F1}% | {(double)perWindow.GetValueOrDefault(name) / submissions:F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| all | | {(double)total / groups:F1} | {(double)total / submissions:F2} | 100% | {(double)windowTotal / submissions:F2} |"));
    }

    /// <summary>The WAL header's salts and its valid frames: those carrying the header's salts, up to the last commit frame.</summary>
    private static (ulong Salt, List<Frame> Frames) ReadWal(string walPath)
    {
        using var file = new FileStream(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[32];
        file.ReadExactly(header);
        var pageSize = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        var salt = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(16));
        var frames = new List<Frame>();
        var lastCommit = 0;
        var frameHeader = new byte[24];
        while (file.Position + 24 + pageSize <= file.Length)
        {
            file.ReadExactly(frameHeader);
            if (BinaryPrimitives.ReadUInt64BigEndian(frameHeader.AsSpan(8)) != salt)
            {
                break;
            }

            var commit = BinaryPrimitives.ReadUInt32BigEndian(frameHeader.AsSpan(4)) != 0;
            frames.Add(new Frame(BinaryPrimitives.ReadUInt32BigEndian(frameHeader), commit));
            if (commit)
            {
                lastCommit = frames.Count;
            }

            file.Seek(pageSize, SeekOrigin.Current);
        }

        return (salt, frames[..lastCommit]);
    }

    private static List<string> PageOwners(string databasePath)
    {
        var start = new System.Diagnostics.ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-readonly", databasePath, "SELECT pageno, name FROM dbstat" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start (apt-get install sqlite3)");
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        process.WaitForExit();
        return process.ExitCode == 0 ? lines : throw new InvalidOperationException("sqlite3 dbstat: " + process.StandardError.ReadToEnd());
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        _ = await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
