using System.Diagnostics;
using System.Globalization;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Scale;

/// <summary>
/// Grows one store through 10^3, 10^4, ... credentials (and 10x as many twin events) and measures at each size:
/// ingest rates, query p50/p99, log proofs, disk size. One writer (the node's ingest path: StoreIngest.IngestAsync,
/// one transaction per batch, durable commit).
/// </summary>
internal static class IngestRun
{
    public static async Task RunAsync(Options options)
    {
        var data = new Data(options.Required("fixture"));
        var total = options.Long("credentials", 1_000_000);
        var perCredential = (int)options.Long("events-per-credential", 10);
        var batch = (int)options.Long("batch", 5000);
        var streamBatch = (int)options.Long("stream-batch", 500);
        var samples = (int)options.Long("samples", 1000);
        var skipTwins = options.Flag("skip-twins");
        var pipeline = new Pipeline((int)options.Long("in-flight", 2));
        var sizes = new List<long>();
        for (var size = 1000L; size < total; size *= 10)
        {
            sizes.Add(size);
        }

        sizes.Add(total);
        Console.WriteLine($"# ingest into {options.Store}: {N(total)} credentials ({N(data.CredentialBytes)} bytes each, eddsa-rdfc-2022 mill test report varied by id), " +
            $"{perCredential} twin events each ({data.TemplateCount} event templates from the trade layer's extraction, ~{N(data.EventBytes)} bytes), " +
            $"one presentation per 10 credentials; {batch} credentials or {streamBatch * perCredential} events a transaction, {pipeline.Depth} batches in flight; {Environment.ProcessorCount} cores; load {Program.LoadAverage()}");

        await using var store = await Program.OpenStoreAsync(options).ConfigureAwait(false);
        var cpu = new Cpu(options.Long("server-pid", 0));
        var rows = new List<string>();
        long credentials = 0, streams = 0;
        foreach (var size in sizes)
        {
            // Credentials (and their inbox presentations) up to this size.
            var start = Stopwatch.GetTimestamp();
            var cpuStart = cpu.Seconds();
            var credentialsBefore = credentials;
            while (credentials < size)
            {
                var first = credentials;
                var count = (int)Math.Min(batch, size - credentials);
                await pipeline.SubmitAsync(async () =>
                {
                    var records = new CredentialRecord[count];
                    for (var i = 0; i < count; i++)
                    {
                        records[i] = data.Credential(first + i);
                    }

                    var presentations = new List<PresentationRecord>();
                    for (var p = first + ((10 - (first % 10)) % 10); p < first + count; p += 10)
                    {
                        var from = p;
                        presentations.Add(Data.Presentation(from / 10, Enumerable.Range(0, 10).Select(k => Data.CredentialId(from + k))));
                    }

                    var result = await store.IngestAsync(Data.Tenant, new IngestBatch(presentations, records, [])).ConfigureAwait(false);
                    if (result.Credentials.Any(o => o != CredentialSaveOutcome.Stored))
                    {
                        throw new InvalidOperationException("A generated credential was not stored.");
                    }
                }).ConfigureAwait(false);
                credentials += count;
            }

            await pipeline.DrainAsync().ConfigureAwait(false);
            var credentialSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var credentialCpu = cpu.Seconds() - cpuStart;

            // Twin events: one twin per credential, perCredential events each.
            start = Stopwatch.GetTimestamp();
            cpuStart = cpu.Seconds();
            var streamsBefore = streams;
            while (streams < size && !skipTwins)
            {
                var first = streams;
                var count = (int)Math.Min(streamBatch, size - streams);
                await pipeline.SubmitAsync(async () =>
                {
                    var appends = new TwinAppend[count];
                    for (var s = 0; s < count; s++)
                    {
                        var stream = first + s;
                        appends[s] = new TwinAppend(Data.StreamId(stream), 0, [.. Enumerable.Range(0, perCredential).Select(j => data.Event(stream, j, stream))]);
                    }

                    var result = await store.IngestAsync(Data.Tenant, new IngestBatch([], [], appends)).ConfigureAwait(false);
                    if (result.Appends.Any(a => !a.Succeeded))
                    {
                        throw new InvalidOperationException("A generated append conflicted.");
                    }
                }).ConfigureAwait(false);
                streams += count;
            }

            await pipeline.DrainAsync().ConfigureAwait(false);
            var eventSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var eventCpu = cpu.Seconds() - cpuStart;
            var credentialRate = (credentials - credentialsBefore) / credentialSeconds;
            var eventRate = (streams - streamsBefore) * perCredential / eventSeconds;
            if (skipTwins)
            {
                Console.WriteLine($"RESULT | {options.Store} | {N(credentials)} | credentials only | **{N(credentialRate)}** ({N((credentials - credentialsBefore) / credentialCpu)}) | {Program.LoadAverage()} |");
                continue;
            }

            var disk = await Program.DiskBytesAsync(options).ConfigureAwait(false);
            var q = await QueriesAsync(store, credentials, streams, size, samples).ConfigureAwait(false);
            var row = $"| {options.Store} | {N(credentials)} | {N(streams * perCredential)} | **{N(credentialRate)}** ({N((credentials - credentialsBefore) / credentialCpu)}) | **{N(eventRate)}** ({N((streams - streamsBefore) * perCredential / eventCpu)}) | {Program.Mb(disk)} | " +
                $"{F(q.State)} | {F(q.Timeline)} | {F(q.Subject)} | {F(q.Inbox)} | {F(q.Credential)} | {F(q.Inclusion)} | {F(q.Consistency)} | {Program.LoadAverage()} |";
            rows.Add(row);
            Console.WriteLine($"RESULT {row}");
        }

        Console.WriteLine();
        Console.WriteLine("| store | credentials | twin events | credentials/s (per CPU s) | events/s (per CPU s) | disk | twin state p50/p99 ms | timeline page | twins by subject | inbox page | credential by id | inclusion proof | consistency proof | load (1/5/15 min) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        rows.ForEach(Console.WriteLine);
        await AfterAsync(options, store, credentials, streams, samples).ConfigureAwait(false);
    }

    /// <summary>Measures the queries again on a database an earlier run left (sizes given), then the plans and the inbox index.</summary>
    public static async Task QueriesOnlyAsync(Options options)
    {
        var credentials = options.Long("credentials", 1_000_000);
        var samples = (int)options.Long("samples", 1000);
        await using var store = await Program.OpenStoreAsync(options).ConfigureAwait(false);
        var q = await QueriesAsync(store, credentials, credentials, credentials, samples).ConfigureAwait(false);
        Console.WriteLine($"RESULT queries | {options.Store} | {N(credentials)} | | | | {Program.Mb(await Program.DiskBytesAsync(options).ConfigureAwait(false))} | " +
            $"{F(q.State)} | {F(q.Timeline)} | {F(q.Subject)} | {F(q.Inbox)} | {F(q.Credential)} | {F(q.Inclusion)} | {F(q.Consistency)} | {Program.LoadAverage()} |");
        await AfterAsync(options, store, credentials, credentials, samples).ConfigureAwait(false);
    }

    private static async Task AfterAsync(Options options, ITradeproofStore store, long credentials, long streams, int samples)
    {
        if (options.Flag("explain"))
        {
            await Explain.PrintAsync(options, credentials, streams).ConfigureAwait(false);
        }

        // The fix proposed for the inbox page (an index on (tenant_id, sequence)), measured on the same data.
        if (options.Flag("inbox-index"))
        {
            var start = Stopwatch.GetTimestamp();
            await Explain.ExecuteAsync(options, "CREATE INDEX IF NOT EXISTS presentations_by_tenant_sequence ON presentations (tenant_id, sequence)").ConfigureAwait(false);
            Console.WriteLine($"index presentations (tenant_id, sequence) built in {Stopwatch.GetElapsedTime(start).TotalSeconds:N1} s");
            var random = new Random(10);
            var presentations = credentials / 10;
            var inbox = await Program.TimeAsync(samples, async i =>
                _ = await store.Presentations.ListAsync(Data.Tenant, random.NextInt64(Math.Max(1, presentations - 50)), 50).ConfigureAwait(false)).ConfigureAwait(false);
            Console.WriteLine($"RESULT inbox page with the index at {N(presentations)} presentations: p50/p99 {F(inbox)} ms, load {Program.LoadAverage()}");
            await Explain.PrintAsync(options, credentials, streams).ConfigureAwait(false);
        }
    }

    private sealed record Latencies((double, double) State, (double, double) Timeline, (double, double) Subject, (double, double) Inbox, (double, double) Credential, (double, double) Inclusion, (double, double) Consistency);

    private static string F((double P50, double P99) p) => p.P50.ToString("0.00", CultureInfo.InvariantCulture) + " / " + p.P99.ToString("0.00", CultureInfo.InvariantCulture);

    private static string N(double value) => Program.N(value);

    /// <summary>Random twins, pages, credentials and log indexes (seeded: the same sequence at every size).</summary>
    private static async Task<Latencies> QueriesAsync(ITradeproofStore store, long credentials, long streams, long size, int samples)
    {
        var random = new Random(10);
        long Pick(long n) => random.NextInt64(n);
        var tenant = Data.Tenant;

        // A twin's current state as the node builds it: its events read, parsed and projected.
        var state = await Program.TimeAsync(samples, async i =>
        {
            var id = Data.StreamId(Pick(streams));
            var events = await store.TwinEvents.ReadStreamAsync(tenant, id).ConfigureAwait(false);
            var twin = TwinProjector.Project(id, events.Select(e => TwinEventJson.Parse(e.PayloadJson)));
            if (events.Count == 0 || twin is null)
            {
                throw new InvalidOperationException("twin not found: " + id);
            }
        }).ConfigureAwait(false);

        // Its timeline: the version, then a page of 50 events.
        var timeline = await Program.TimeAsync(samples, async i =>
        {
            var id = Data.StreamId(Pick(streams));
            _ = await store.TwinEvents.GetVersionAsync(tenant, id).ConfigureAwait(false);
            _ = await store.TwinEvents.ReadStreamAsync(tenant, id, 1, 50).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var subject = await Program.TimeAsync(samples, async i =>
        {
            if ((await store.TwinEvents.FindStreamsBySubjectAsync(tenant, Data.StreamId(Pick(streams))).ConfigureAwait(false)).Count != 1)
            {
                throw new InvalidOperationException("subject index");
            }
        }).ConfigureAwait(false);

        var presentations = credentials / 10;
        var inbox = await Program.TimeAsync(samples, async i =>
            _ = await store.Presentations.ListAsync(tenant, Pick(Math.Max(1, presentations - 50)), 50).ConfigureAwait(false)).ConfigureAwait(false);

        var credential = await Program.TimeAsync(samples, async i =>
        {
            if (await store.Credentials.GetAsync(tenant, Data.CredentialId(Pick(credentials))).ConfigureAwait(false) is null)
            {
                throw new InvalidOperationException("credential not found");
            }
        }).ConfigureAwait(false);

        var head = await store.Log.GetTreeHeadAsync().ConfigureAwait(false);
        var inclusion = await Program.TimeAsync(samples, async i => _ = await store.Log.GetInclusionProofAsync(Pick(head.Size), head.Size).ConfigureAwait(false)).ConfigureAwait(false);
        var consistency = await Program.TimeAsync(samples, async i => _ = await store.Log.GetConsistencyProofAsync(1 + Pick(head.Size - 1), head.Size).ConfigureAwait(false)).ConfigureAwait(false);
        _ = size;
        return new Latencies(state, timeline, subject, inbox, credential, inclusion, consistency);
    }
}

/// <summary>
/// Keeps up to <see cref="Depth"/> batches in flight, each made and ingested on a thread-pool thread: while one holds
/// the store's single writer, the next is generated and prepared (hashed) on the other core, as concurrent callers of
/// a node would. Each batch is still acknowledged only after its own commit; 1 is the sequential caller.
/// </summary>
internal sealed class Pipeline(int depth)
{
    private readonly Queue<Task> _pending = new();

    public int Depth { get; } = depth >= 1 ? depth : throw new ArgumentException("--in-flight is at least 1");

    public async Task SubmitAsync(Func<Task> batch)
    {
        _pending.Enqueue(Task.Run(batch));
        if (_pending.Count >= Depth)
        {
            await _pending.Dequeue().ConfigureAwait(false);
        }
    }

    public async Task DrainAsync()
    {
        while (_pending.Count > 0)
        {
            await _pending.Dequeue().ConfigureAwait(false);
        }
    }
}
