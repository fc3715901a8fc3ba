using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Storage.Tests.Sqlite;

/// <summary>
/// Durability under <c>kill -9</c>: a child process writes and acknowledges, is killed with SIGKILL at a random
/// moment, and after each restart every acknowledged write is there, once, with dense versions. Rounds default to
/// 5 (CI time); <c>TRADEPROOF_STORAGE_KILL_ROUNDS=200</c> runs the long version of issue #10.
/// </summary>
public sealed class SqliteKillTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tradeproof-kill-").FullName;

    private static int Rounds =>
        int.TryParse(Environment.GetEnvironmentVariable("TRADEPROOF_STORAGE_KILL_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 5;

    [Fact]
    public async Task Acknowledged_writes_survive_SIGKILL_at_random_points()
    {
        var database = Path.Combine(_folder, "kill.db");
        var random = new Random(20260301);
        var acknowledgedEvents = new List<(string Stream, long Version, string EventId)>();
        var acknowledgedCredentials = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var (events, credentials) = await RunAndKillAsync(database, round, random.Next(20, 400));
            acknowledgedEvents.AddRange(events);
            acknowledgedCredentials.AddRange(credentials);
            await VerifyAsync(database, acknowledgedEvents, acknowledgedCredentials, round);
        }

        Assert.True(acknowledgedEvents.Count > Rounds, $"too few acknowledged writes to mean anything ({acknowledgedEvents.Count})");
    }

    private static async Task<(List<(string, long, string)> Events, List<string> Credentials)> RunAndKillAsync(string database, int round, int killAfterAcks)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(KillWriter).Assembly.Location);
        start.ArgumentList.Add("kill-writer");
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(round.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        child.BeginErrorReadLine();

        var events = new List<(string, long, string)>();
        var credentials = new List<string>();
        var acks = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (acks < killAfterAcks)
        {
            var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException($"The writer exited early ({child.ExitCode}): {errors}");
            }

            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "event":
                    events.Add((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]));
                    acks++;
                    break;
                case "credential":
                    credentials.Add(parts[1]);
                    acks++;
                    break;
            }
        }

        // SIGKILL while the writers are mid-flight (Process.Kill is SIGKILL on Unix).
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        return (events, credentials);
    }

    private static async Task VerifyAsync(string database, List<(string Stream, long Version, string EventId)> events, List<string> credentials, int round)
    {
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = database,
            Time = TimeProvider.System,
            Random = new CountingRandomSource(),
            OperatorKey = new OperatorKey(new byte[32]),
        });
        for (var s = 0; s < KillWriter.Streams; s++)
        {
            var stream = $"stream-{s}";
            var stored = await store.TwinEvents.ReadStreamAsync(KillWriter.Tenant, stream);
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.Version));
            Assert.Equal(stored.Count, stored.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
            Assert.True(stored.Count % 2 == 0, $"round {round}: {stream} holds half an append ({stored.Count} events)");
            var byVersion = stored.ToDictionary(e => e.Version);
            foreach (var (_, version, eventId) in events.Where(e => e.Stream == stream))
            {
                Assert.True(byVersion.TryGetValue(version, out var e), $"round {round}: acknowledged {stream} v{version} is missing");
                Assert.Equal(eventId + "-b", e.EventId);
                Assert.Equal(eventId + "-a", byVersion[version - 1].EventId);
            }
        }

        foreach (var id in credentials)
        {
            Assert.NotNull(await store.Credentials.GetAsync(KillWriter.Tenant, id));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
