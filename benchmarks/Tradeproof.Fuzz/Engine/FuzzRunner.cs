using System.Diagnostics;

namespace Tradeproof.Fuzz.Engine;

/// <summary>
/// Runs cases of one target on a worker thread (default stack size, as a request thread has) while the calling thread
/// watches the clock: a case past the target's timeout is a hang finding and ends the run (the stuck thread is a
/// background thread and is abandoned). Case <c>i</c> is fully determined by the run seed, the target's name and
/// <c>i</c>, so any finding replays alone.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Runs cases <paramref name="firstCase"/>.. until <paramref name="cases"/> ran, <paramref name="duration"/> passed,
    /// or <paramref name="maxFindings"/> findings were made.</summary>
    public static FuzzRunResult Run(FuzzTarget target, ulong runSeed, long firstCase, long cases, TimeSpan? duration = null, int maxFindings = 10)
    {
        ArgumentNullException.ThrowIfNull(target);
        var state = new WorkerState(target, runSeed, firstCase, cases, duration, maxFindings);
        var worker = new Thread(state.Work) { IsBackground = true, Name = "fuzz " + target.Name };
        var clock = Stopwatch.StartNew();
        worker.Start();
        while (!worker.Join(TimeSpan.FromMilliseconds(100)))
        {
            var started = Volatile.Read(ref state.CaseStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > target.Timeout)
            {
                state.Stop = true;
                lock (state.Findings)
                {
                    state.Findings.Add(new FuzzFinding(target.Name, runSeed, Volatile.Read(ref state.CurrentCase), FindingKind.Hang,
                        $"still running after {target.Timeout.TotalSeconds:0.#} s", state.CurrentInput ?? []));
                }

                break;
            }
        }

        clock.Stop();
        lock (state.Findings)
        {
            return new FuzzRunResult(target.Name, state.Done, state.Documented, clock.Elapsed, state.MaxAllocated, state.MaxAllocatedCase, [.. state.Findings]);
        }
    }

    /// <summary>The input of case <paramref name="caseIndex"/>: a seed, mutated (1 case in 32 is a seed as it is).</summary>
    public static byte[] InputOf(FuzzTarget target, ulong runSeed, long caseIndex)
    {
        ArgumentNullException.ThrowIfNull(target);
        var random = new FuzzRandom(FuzzRandom.CaseSeed(runSeed, target.Name, caseIndex));
        var seed = random.Pick(target.Seeds);
        return random.OneIn(32) ? seed : Mutator.Mutate(seed, target.Seeds, target.Tokens, random);
    }

    /// <summary>Runs one input and says what happened: null when the parser returned or threw a documented error.</summary>
    public static (FindingKind Kind, string Message)? RunOne(FuzzTarget target, byte[] input, out bool documentedError, out long allocated)
    {
        ArgumentNullException.ThrowIfNull(target);
        documentedError = false;
        var before = GC.GetAllocatedBytesForCurrentThread();
        (FindingKind, string)? outcome = null;
        try
        {
            target.Run(input);
        }
        catch (Exception e) when (target.IsDocumented(e))
        {
            documentedError = true;
        }
#pragma warning disable CA1031 // The oracle: every other exception is a finding, reported, never rethrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = (FindingKind.Exception, e.GetType().FullName + ": " + e.Message + Environment.NewLine + e.StackTrace);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (outcome is null && allocated > target.AllocationBound(input.Length))
        {
            outcome = (FindingKind.Memory, $"allocated {allocated:N0} bytes (bound {target.AllocationBound(input.Length):N0}) for {input.Length:N0} input bytes");
        }

        return outcome;
    }

    private sealed class WorkerState(FuzzTarget target, ulong runSeed, long firstCase, long cases, TimeSpan? duration, int maxFindings)
    {
        public readonly List<FuzzFinding> Findings = [];
        public long CaseStarted;
        public long CurrentCase;
        public volatile byte[]? CurrentInput;
        public volatile bool Stop;
        public long Done;
        public long Documented;
        public long MaxAllocated;
        public long MaxAllocatedCase = -1;

        public void Work()
        {
            var clock = Stopwatch.StartNew();
            for (var i = firstCase; i < firstCase + cases && !Stop; i++)
            {
                if (duration is { } d && (i & 63) == 0 && clock.Elapsed > d)
                {
                    break;
                }

                var input = InputOf(target, runSeed, i);
                CurrentInput = input;
                Volatile.Write(ref CurrentCase, i);
                Volatile.Write(ref CaseStarted, Stopwatch.GetTimestamp());
                var outcome = RunOne(target, input, out var documented, out var allocated);
                Volatile.Write(ref CaseStarted, 0);
                if (Stop)
                {
                    break;
                }

                Done++;
                Documented += documented ? 1 : 0;
                if (allocated > MaxAllocated)
                {
                    MaxAllocated = allocated;
                    MaxAllocatedCase = i;
                }

                if (outcome is { } o)
                {
                    lock (Findings)
                    {
                        Findings.Add(new FuzzFinding(target.Name, runSeed, i, o.Kind, o.Message, input));
                        if (Findings.Count >= maxFindings)
                        {
                            Stop = true;
                        }
                    }
                }
            }
        }
    }
}
