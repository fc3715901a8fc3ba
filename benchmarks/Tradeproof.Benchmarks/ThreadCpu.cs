namespace Tradeproof.Benchmarks;

/// <summary>The calling thread's CPU time (the probes' per-phase figures, without the JIT's and the GC's threads).</summary>
internal static class ThreadCpu
{
    /// <summary>CLOCK_THREAD_CPUTIME_ID in ns, or 0 off Linux.</summary>
    public static long Nanoseconds() => OperatingSystem.IsLinux() && ClockGetTime(3, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
