using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// Runs work over a bulk input on every core while keeping memory bounded and results in input order: the input is
/// read a batch at a time, each batch is worked on in parallel, and its results are handed on in order before the
/// next batch is read.
/// </summary>
internal static class BulkPipeline
{
    /// <summary>Items per batch: enough to keep every core busy, few enough to bound memory (a few MiB).</summary>
    public const int BatchSize = 1024;

    /// <summary>The options the bulk verbs share: <c>--bulk</c>, <c>--workers</c>, <c>--failures</c>, <c>--quiet</c>.</summary>
    public sealed class Options
    {
        public Option<string?> Workers { get; } = new("--workers") { HelpName = "N", Description = "With --bulk: how many credentials to work on at once (default: one per core)." };

        public Option<string?> Failures { get; } = new("--failures") { HelpName = "FILE", Description = "With --bulk: write each failure as a JSON line (source, outcome, check, problem) to FILE." };

        public Option<bool> Quiet { get; } = new("--quiet") { Description = "With --bulk: no progress on standard error." };

        public void AddTo(Command command)
        {
            command.Add(Workers);
            command.Add(Failures);
            command.Add(Quiet);
        }

        /// <summary>The worker count: <c>--workers</c>, else the number of cores.</summary>
        public int WorkerCount(ParseResult parse)
        {
            var text = parse.GetValue(Workers);
            if (text is null)
            {
                return Environment.ProcessorCount;
            }

            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1024
                ? n
                : throw new CliInputException($"--workers '{text}' is not a number from 1 to 1024");
        }

        /// <summary>Refuses the bulk-only options without <c>--bulk</c>.</summary>
        public void RefuseWithoutBulk(ParseResult parse)
        {
            if (parse.GetValue(Workers) is not null || parse.GetValue(Failures) is not null || parse.GetValue(Quiet))
            {
                throw new CliInputException("--workers, --failures and --quiet go with --bulk PATH");
            }
        }
    }

    /// <summary>Writes a bulk run's <c>seconds</c>, <c>perSecond</c> and <c>workers</c> into a JSON summary.</summary>
    public static void WriteRun(System.Text.Json.Utf8JsonWriter writer, double seconds, double rate, int workers)
    {
        writer.WriteNumber("seconds", Math.Round(seconds, 3));
        writer.WriteNumber("perSecond", Math.Round(rate, 1));
        writer.WriteNumber("workers", workers);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on every item with <paramref name="workers"/> at a time and hands each result to
    /// <paramref name="consume"/> in input order (on the calling thread).
    /// </summary>
    public static void Run<T>(
        IEnumerable<BulkItem> items,
        int workers,
        Func<BulkItem, CancellationToken, ValueTask<T>> work,
        Action<BulkItem, T> consume,
        ProgressReporter progress)
    {
        Task.Run(async () =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
            var batch = new List<BulkItem>(BatchSize);
            var results = new T[BatchSize];
            long done = 0;
            using var enumerator = items.GetEnumerator();
            while (true)
            {
                batch.Clear();
                while (batch.Count < BatchSize && enumerator.MoveNext())
                {
                    batch.Add(enumerator.Current);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                await Parallel.ForAsync(0, batch.Count, options, async (i, cancellationToken) =>
                {
                    results[i] = await work(batch[i], cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    consume(batch[i], results[i]);
                    results[i] = default!;
                }

                done += batch.Count;
                progress.Report(done);
            }

            progress.Finish();
        }).GetAwaiter().GetResult();
    }
}
