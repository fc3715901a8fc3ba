using System.Diagnostics;
using System.Globalization;

namespace Tradeproof.Scale;

/// <summary>
/// CPU seconds spent by this process and, for PostgreSQL, by the server (--server-pid: the postmaster and its
/// backends, from /proc). On a machine shared with other work the wall-clock rate measures the share of the CPU
/// this run got; records per CPU second is what the work costs (fsync waits excluded).
/// </summary>
internal sealed class Cpu(long serverPid)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public double Seconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds + (serverPid > 0 ? Tree(serverPid, dead: true) : 0);

    private static double Tree(long pid, bool dead)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return 0;
        }

        string text;
        try
        {
            text = File.ReadAllText(stat);
        }
        catch (IOException)
        {
            return 0;
        }

        // Fields after the command name (which is in parentheses): state is field 3; utime 14, stime 15, cutime 16, cstime 17.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture);
        var seconds = (Field(14) + Field(15) + (dead ? Field(16) + Field(17) : 0)) / TicksPerSecond;
        foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.EnumerateDirectories($"/proc/{pid}/task") : [])
        {
            var children = Path.Combine(task, "children");
            if (File.Exists(children))
            {
                foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    seconds += Tree(long.Parse(child, CultureInfo.InvariantCulture), dead: false);
                }
            }
        }

        return seconds;
    }
}
