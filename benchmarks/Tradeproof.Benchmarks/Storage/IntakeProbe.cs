using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Tradeproof.Benchmarks.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.JsonLd;
using Tradeproof.Node;
using Tradeproof.Storage;
using Tradeproof.Storage.Sqlite;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Vocabulary;
using LogEntry = Tradeproof.Transparency.LogEntry;
using LogEntryKind = Tradeproof.Transparency.LogEntryKind;

namespace Tradeproof.Benchmarks.Storage;

/// <summary>
/// <c>intake-probe [N] [GROUP] [--prefill LEAVES] [--pages] [--sync-after-commit] [--writer-cache MIB]</c>: the SQLite writer's cost of a FRESH submission (issue #7), in process. N fresh
/// TraceablePresentations (5 new mill test reports each, as <c>LoadGen submit --fresh</c> makes them) are signed and
/// verified up front (not timed); a store challenge is issued for each. Then:
/// <list type="number">
/// <item>GROUP concurrent writers each store one submission after the other through <see cref="GroupCommit"/> and
/// <see cref="PresentationIntake.StoreAsync(IStoreRepositories, PreparedSubmission, CancellationToken)"/> (prepared
/// before it queues, with the challenge consumed in the unit, as the node does): wall and
/// CPU (<see cref="Process.TotalProcessorTime"/>) per submission, the mean group size;</item>
/// <item>the same calls as that <c>StoreAsync</c> one by one in groups of GROUP in one unit of work
/// (savepoint per member, as the group commit's leader runs them), timed per phase.</item>
/// </list>
/// The store is a temp-folder SQLite file with the node's settings (WAL, synchronous=FULL). <c>--prefill LEAVES</c> first
/// grows its log to about LEAVES leaves the way submissions do (per 26 leaves: 1 presentation, 5 credentials, 20 twin
/// events appended through the twin store in 4 new streams), so the log's indexes have a running node's size, not a
/// new file's. <c>--pages</c> then stores N more through the group commit while a reader holds the WAL (no checkpoint
/// copies them, the WAL is not restarted) and maps each WAL frame to its B-tree (<see cref="WalPages"/>).
/// <c>--sync-after-commit</c> syncs the WAL after each commit with the writer free (<see cref="SqliteStoreOptions.SyncWalAfterCommit"/>)
/// instead of SQLite's sync inside it; <c>--writer-cache MIB</c> sets the writer's page cache (<see cref="SqliteStoreOptions.WriterCacheMiB"/>).
/// </summary>
internal static class IntakeProbe
{
    private const string Tenant = "probe";
    private const int Credentials = 5;

    private sealed record Submission(byte[] Body, string Challenge, TraceablePresentationVerificationResult Result);

    private static bool _syncAfterCommit;
    private static int _writerCacheMiB = SqliteStoreOptions.DefaultWriterCacheMiB;

    public static int Run(string[] args)
    {
        var syncAt = Array.IndexOf(args, "--sync-after-commit");
        if (syncAt >= 0)
        {
            _syncAfterCommit = true;
            args = [.. args[..syncAt], .. args[(syncAt + 1)..]];
        }

        var cacheAt = Array.IndexOf(args, "--writer-cache");
        if (cacheAt >= 0)
        {
            _writerCacheMiB = int.Parse(args[cacheAt + 1], CultureInfo.InvariantCulture);
            args = [.. args[..cacheAt], .. args[(cacheAt + 2)..]];
        }

        var prefill = 0L;
        var at = Array.IndexOf(args, "--prefill");
        if (at >= 0)
        {
            prefill = long.Parse(args[at + 1], CultureInfo.InvariantCulture);
            args = [.. args[..at], .. args[(at + 2)..]];
        }

        var pagesAt = Array.IndexOf(args, "--pages");
        var pages = pagesAt >= 0;
        if (pages)
        {
            args = [.. args[..pagesAt], .. args[(pagesAt + 1)..]];
        }

        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var group = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var warmup = Math.Min(n / 4, 200);
        var random = SystemRandomSource.Instance;
        var clock = new SubmissionProbe.FixedClock(SubmissionFixture.Created.AddDays(30));
        var prepare = Stopwatch.StartNew();
        var submissions = Prepare(warmup + (pages ? 3 : 2) * n, clock, random);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"intake-probe: {n} fresh submissions ({Credentials} credentials each) per run, writers/group {group}, {warmup} warm-up, WAL synced {(_syncAfterCommit ? "after" : "in")} the commit, writer cache {_writerCacheMiB} MiB; prepared in {prepare.Elapsed.TotalSeconds:F1} s; load {LoadAverage()}"));

        var folder = Directory.CreateTempSubdirectory("tradeproof-intake-probe-").FullName;
        try
        {
            RunAsync(folder, submissions, warmup, n, group, prefill, pages, clock, random).GetAwaiter().GetResult();
        }
        finally
        {
            // TRADEPROOF_PROBE_KEEP=1 keeps the database for a look (sqlite3 FOLDER/node.db).
            if (Environment.GetEnvironmentVariable("TRADEPROOF_PROBE_KEEP") == "1")
            {
                Console.WriteLine("kept " + folder);
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return 0;
    }




    /// <summary>Bytes this process has written through write(2) so far (/proc/self/io wchar: the WAL, its checkpoints into the database file), or 0.</summary>
    private static long WrittenBytes() => File.Exists("/proc/self/io")
        ? long.Parse(File.ReadLines("/proc/self/io").First(l => l.StartsWith("wchar:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture)
        : 0;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static async Task RunAsync(string folder, Submission[] submissions, int warmup, int n, int group, long prefill, bool pages, TimeProvider clock, IRandomSource random)
    {
        var path = Path.Combine(folder, "node.db");
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = path,
            Time = clock,
            Random = random,
            OperatorKey = new OperatorKey(new byte[32]),
            SyncWalAfterCommit = _syncAfterCommit,
            WriterCacheMiB = _writerCacheMiB,
        });
        _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Probe"));
        if (prefill > 0)
        {
            var grow = Stopwatch.StartNew();
            await PrefillAsync(store, prefill, clock);
            var size = (await store.Log.GetTreeHeadAsync()).Size;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"prefilled {size:N0} log leaves in {grow.Elapsed.TotalSeconds:F1} s; database {new FileInfo(path).Length / 1024:N0} KiB; load {LoadAverage()}"));
        }
        foreach (var s in submissions)
        {
            _ = await store.Challenges.IssueAsync(Tenant, s.Challenge, clock.GetUtcNow().AddHours(1));
        }

        var services = new NodeServices(new NodeOptions(), store, clock, random);
        var intake = new PresentationIntake(services);
        var commit = GroupCommit.For(store);

        // As the node: prepared on the writer's own thread, then queued.
        async Task<PresentationReceived> StoreOne(Submission s)
        {
            var prepared = intake.Prepare(Tenant, s.Body, s.Result);
            return await commit.RunAsync(async (unit, ct) =>
                await unit.Challenges.ConsumeAsync(Tenant, s.Challenge, ct) == ChallengeOutcome.Consumed
                    ? (await intake.StoreAsync(unit, prepared, ct)).Received ?? throw new InvalidOperationException("duplicate")
                    : throw new InvalidOperationException("challenge not consumed"));
        }

        // Each submission's latency (queue, group, commit) and when it started, from the measured phase's start.
        var latencies = new (long Start, long Ticks)[submissions.Length];
        long phaseStart = 0;
        async Task Writers(ArraySegment<Submission> batch)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, group).Select(w => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < batch.Count)
                {
                    var started = Stopwatch.GetTimestamp();
                    _ = await StoreOne(batch[i]);
                    latencies[batch.Offset + i] = (started - phaseStart, Stopwatch.GetTimestamp() - started);
                }
            })));
        }

        await Writers(new ArraySegment<Submission>(submissions, 0, warmup));
        GC.Collect();
        var (groups, pieces) = (commit.Groups, commit.Pieces);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var written = WrittenBytes();
        var wall = Stopwatch.StartNew();
        phaseStart = Stopwatch.GetTimestamp();
        var phaseStartUtc = DateTime.UtcNow; // printed to line the slowest submission up with a trace (strace -tt)
        await Writers(new ArraySegment<Submission>(submissions, warmup, n));
        var wallMs = wall.Elapsed.TotalMilliseconds / n;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"group commit, {group} writers: {n / wall.Elapsed.TotalSeconds:F0}/s, wall {wallMs:F3} ms/submission, CPU {cpuMs:F3} ms/submission, mean group {(double)(commit.Pieces - pieces) / (commit.Groups - groups):F1}, written {(WrittenBytes() - written) / 1024.0 / n:F1} KiB/submission; load {LoadAverage()}"));
        var measured = latencies[warmup..(warmup + n)].OrderBy(l => l.Ticks).ToArray();
        static double Ms(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
        var slowest = measured[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency ms: p50 {Ms(measured[n / 2].Ticks):F1}, p99 {Ms(measured[n * 99 / 100].Ticks):F1}, max {Ms(slowest.Ticks):F1} (started {Ms(slowest.Start) / 1000:F3} s into the phase, at {phaseStartUtc.AddMilliseconds(Ms(slowest.Start)):HH:mm:ss.fff} UTC); over 1 s: {measured.Count(l => Ms(l.Ticks) > 1000)}"));

        // The leader's work phase by phase: the calls PresentationIntake.StoreAsync makes, in groups of GROUP.
        var phases = new[] { "begin (writer gate, connection, BEGIN IMMEDIATE)", "savepoint + release", "challenge consume", "inbox row", "credential hashes read (none since the save decides)", "credential save", "events of the new credentials", "twin append", "log flush + commit (fsync)", "prepare (request threads, before the group: not the leader's)" };
        var ticks = new long[phases.Length];
        var cpuNs = new long[phases.Length];
        var start = warmup + n;
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall2 = Stopwatch.StartNew();
        for (var offset = 0; offset < n; offset += group)
        {
            var t = Stopwatch.GetTimestamp();
            var c = ThreadCpu.Nanoseconds();
            void Lap(int phase)
            {
                var now = Stopwatch.GetTimestamp();
                var cpuNow = ThreadCpu.Nanoseconds();
                ticks[phase] += now - t;
                cpuNs[phase] += cpuNow - c;
                t = now;
                c = cpuNow;
            }

            // What the request threads prepare before they queue (PresentationIntake.Prepare): timed, not the leader's.
            var prepared = new Dictionary<int, PreparedSubmission>();
            for (var k = offset; k < Math.Min(n, offset + group); k++)
            {
                prepared[k] = intake.Prepare(Tenant, submissions[start + k].Body, submissions[start + k].Result);
            }

            Lap(9);
            await using var unit = await store.BeginAsync();
            Lap(0);
            for (var k = offset; k < Math.Min(n, offset + group); k++)
            {
                var s = submissions[start + k];
                await unit.SavepointAsync("group_member");
                Lap(1);
                if (await unit.Challenges.ConsumeAsync(Tenant, s.Challenge) != ChallengeOutcome.Consumed)
                {
                    throw new InvalidOperationException("challenge not consumed");
                }

                Lap(2);
                var ps = prepared[k];
                if (await unit.Presentations.ReceiveAsync(Tenant, ps.Record) != PresentationReceiveOutcome.Received)
                {
                    throw new InvalidOperationException("duplicate");
                }

                Lap(3);
                Lap(4);
                if ((await unit.Credentials.SaveManyAsync(Tenant, ps.CredentialRecordsById)).Any(o => o != CredentialSaveOutcome.Stored))
                {
                    throw new InvalidOperationException("not fresh");
                }

                Lap(5);
                _ = ps.Credentials.SelectMany(c => c.Events).ToList();
                Lap(6);
                _ = await TwinStreams.AppendPlanAsync(unit, Tenant, ps.Plan, CancellationToken.None);
                Lap(7);
                await unit.ReleaseSavepointAsync("group_member");
                Lap(1);
            }

            await unit.CommitAsync();
            Lap(8);
        }

        var wall2Ms = (wall2.Elapsed - Stopwatch.GetElapsedTime(0, ticks[9])).TotalMilliseconds / n;
        var cpu2Ms = (Process.GetCurrentProcess().TotalProcessorTime - cpu2).TotalMilliseconds / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leader alone, groups of {group}: wall {wall2Ms:F3} ms/submission, CPU {cpu2Ms:F3} ms/submission; load {LoadAverage()}"));
        Console.WriteLine("| phase | thread CPU µs/submission | wall µs/submission |");
        Console.WriteLine("| --- | ---: | ---: |");
        for (var i = 0; i < phases.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phases[i]} | {cpuNs[i] / 1000.0 / n:F0} | {Stopwatch.GetElapsedTime(0, ticks[i]).TotalMicroseconds / n:F0} |"));
        }

        var wal = new FileInfo(path + "-wal");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database {new FileInfo(path).Length / 1024:N0} KiB, WAL {(wal.Exists ? wal.Length / 1024 : 0):N0} KiB"));
        if (pages)
        {
            var (groupsBefore, piecesBefore) = (commit.Groups, commit.Pieces);
            await WalPages.MeasureAsync(path, n, () => Writers(new ArraySegment<Submission>(submissions, warmup + 2 * n, n)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(group commit counted {commit.Groups - groupsBefore} groups of {commit.Pieces - piecesBefore} submissions in that phase)"));
        }

        await LookupsAsync(store, path, clock);
    }

    /// <summary>
    /// The cost of <c>FindLeafByHashAsync</c> (GET /log/proofs/inclusion?hash=) at this log size: a hash no leaf has
    /// (the whole look-up: since migration 0010 the batch index and then the unindexed tail, grown first to its longest,
    /// 4,095 leaves) and the newest leaf's hash. Wall time per look-up, mean of 200 after 20 unmeasured.
    /// </summary>
    private static async Task LookupsAsync(ITradeproofStore store, string path, TimeProvider clock)
    {
        const int LeafHashBatch = 4096; // SqlTransparencyLog.LeafHashBatch
        long? tail;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT size - indexed_size FROM log_state WHERE id = 1";
            try
            {
                tail = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                tail = null; // before migration 0010: one index on every leaf
            }
        }

        if (tail is { } t && t < LeafHashBatch - 1)
        {
            var tenantHash = LogEntry.HashId(Tenant);
            _ = await store.Log.AppendAsync([.. Enumerable.Range(0, (int)(LeafHashBatch - 1 - t)).Select(i => new LogEntry(LogEntryKind.Credential, tenantHash,
                LogEntry.HashId("urn:lookup:" + i.ToString(CultureInfo.InvariantCulture)), LogEntry.HashId("lookup"), clock.GetUtcNow().ToUnixTimeMilliseconds()))]);
            tail = LeafHashBatch - 1;
        }

        var head = await store.Log.GetTreeHeadAsync();
        var newest = (await store.Log.GetLeavesAsync(head.Size - 1, 1))[0].LeafHash;
        var missing = new byte[32];
        missing[0] = 0x5a;
        foreach (var (name, hash) in new[] { ("a hash no leaf has", missing), ("the newest leaf", newest) })
        {
            for (var i = 0; i < 20; i++)
            {
                _ = await store.Log.FindLeafByHashAsync(hash);
            }

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 200; i++)
            {
                _ = await store.Log.FindLeafByHashAsync(hash);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FindLeafByHashAsync, {name}: {watch.Elapsed.TotalMicroseconds / 200:F0} µs at {head.Size:N0} leaves ({(tail is { } u ? u.ToString("N0", CultureInfo.InvariantCulture) + " unindexed" : "all indexed")}); load {LoadAverage()}"));
        }

        // FindLeavesAsync by record (the Tradeproof-Log-Index header's look-up after each submission and issue): a
        // credential appended just above (since migration 0012 among the recent record hashes), a prefilled presentation
        // (below the mark) and a record no leaf has.
        foreach (var (name, kind, id) in new[] { ("a recent credential", LogEntryKind.Credential, "urn:lookup:0"), ("a prefilled presentation", LogEntryKind.Presentation, "urn:prefill:vp:0"), ("a record no leaf has", LogEntryKind.Credential, "urn:lookup:none") })
        {
            var found = 0;
            for (var i = 0; i < 20; i++)
            {
                found = (await store.Log.FindLeavesAsync(kind, Tenant, id)).Count;
            }

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 200; i++)
            {
                _ = await store.Log.FindLeavesAsync(kind, Tenant, id);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FindLeavesAsync, {name} ({found} found): {watch.Elapsed.TotalMicroseconds / 200:F0} µs at {head.Size:N0} leaves; load {LoadAverage()}"));
        }
    }

    /// <summary>
    /// Grows the log by about <paramref name="leaves"/> leaves in units of 100 "submissions" (2,600 leaves): per
    /// submission a presentation leaf and 5 credential leaves (appended to the log alone: their records' rows are not
    /// what is measured) and 20 small twin events in 4 new streams through the twin store, which logs them as a node does.
    /// </summary>
    private static async Task PrefillAsync(ITradeproofStore store, long leaves, TimeProvider clock)
    {
        const int PerUnit = 100;
        var tenantHash = LogEntry.HashId(Tenant);
        var time = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var s = 0L; s * 26 < leaves; s += PerUnit)
        {
            await using var unit = await store.BeginAsync();
            var entries = new List<LogEntry>(PerUnit * 6);
            var appends = new List<StreamAppend>(PerUnit * 4);
            for (var k = s; k < s + PerUnit; k++)
            {
                var id = k.ToString(CultureInfo.InvariantCulture);
                entries.Add(new LogEntry(LogEntryKind.Presentation, tenantHash, LogEntry.HashId("urn:prefill:vp:" + id),
                    LogEntry.HashId("vp " + id), time));
                for (var c = 0; c < Credentials; c++)
                {
                    entries.Add(new LogEntry(LogEntryKind.Credential, tenantHash, LogEntry.HashId($"urn:prefill:vc:{id}:{c}"),
                        LogEntry.HashId($"vc {id} {c}"), time));
                }

                for (var t = 0; t < 4; t++)
                {
                    appends.Add(new StreamAppend($"prefill-{id}-{t}", [.. Enumerable.Range(1, 5).Select(e =>
                        new TwinEventData($"urn:prefill:event:{id}:{t}:{e}", "Observed", $"{{\"stream\":\"prefill-{id}-{t}\",\"n\":{e}}}", []))], 0));
                }
            }

            _ = await unit.Log.AppendAsync(entries);
            _ = await unit.TwinEvents.AppendManyAsync(Tenant, appends);
            await unit.CommitAsync();
        }
    }

    /// <summary>Fresh presentations: every one with 5 new mill test reports (own ids and lot numbers), signed and verified here.</summary>
    private static Submission[] Prepare(int count, TimeProvider clock, IRandomSource random)
    {
        var transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader });
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = clock, Random = random, Transforms = transforms });
        using var mill = KeyPair.Generate(KeyType.Ed25519, random);
        using var holder = KeyPair.Generate(KeyType.Ed25519, random);
        var millDid = DidKey.Create(mill.PublicKey).ToString();
        var holderDid = DidKey.Create(holder.PublicKey).ToString();
        var proofOptions = new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = millDid + "#" + mill.PublicKey.ToMultibase(), Created = SubmissionFixture.Created };
        var original = JsonNode.Parse(File.ReadAllBytes(MillTestReport.Path()))!.AsObject();
        original.Remove("proof");
        var challenges = new InMemoryChallengeStore(clock, random, capacity: count + 16);
        var verifier = new TraceablePresentationVerifier(new CredentialVerifier(new VerifierOptions { TimeProvider = clock, Transforms = transforms, ChallengeStore = challenges }));
        var builder = new TraceablePresentationBuilder(random);
        var signer = new TraceablePresentationSigner(engine);
        var issued = Enumerable.Range(0, count).Select(_ => challenges.Issue()).ToArray();
        var submissions = new Submission[count];
        Parallel.For(0, count, s =>
        {
            var set = new ReadOnlyMemory<byte>[Credentials];
            for (var c = 0; c < Credentials; c++)
            {
                var credential = original.DeepClone().AsObject();
                credential["id"] = "urn:uuid:" + Guid.NewGuid();
                if (credential["issuer"] is JsonObject issuer)
                {
                    issuer["id"] = millDid;
                }
                else
                {
                    credential["issuer"] = millDid;
                }

                credential["credentialSubject"]!["lotNumber"] = string.Create(CultureInfo.InvariantCulture, $"F-{s:D5}-{c:D2}");
                set[c] = engine.AddProof(System.Text.Encoding.UTF8.GetBytes(credential.ToJsonString()), proofOptions, mill);
            }

            var body = signer.Sign(
                builder.Build(new TraceablePresentationContent { Holder = holderDid, Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"], Instances = ["urn:uuid:" + Guid.NewGuid()], Credentials = set }),
                holder,
                new PresentationSigningOptions { VerificationMethod = holderDid + "#" + holder.PublicKey.ToMultibase(), Challenge = issued[s], Created = SubmissionFixture.Created });
            var result = verifier.VerifyAsync(body, new VerificationRequest { Challenge = issued[s] }).AsTask().GetAwaiter().GetResult();
            if (!result.Verified || result.Presentation is null)
            {
                throw new InvalidOperationException("A probe presentation does not verify: " + string.Join("; ", result.Problems.Select(p => p.Title + " " + p.Detail)));
            }

            submissions[s] = new Submission(body, issued[s], result);
        });
        return submissions;
    }
}
