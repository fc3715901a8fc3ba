using System.Globalization;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// Progress of long work on standard error: a bar redrawn in place when standard error is a terminal, a plain line
/// every few seconds otherwise (logs, CI), nothing with <c>--quiet</c>. Standard output is left to the results.
/// </summary>
internal sealed class ProgressReporter
{
    private const int BarWidth = 30;
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _error;
    private readonly string _verb;
    private readonly long _total;
    private readonly bool _terminal;
    private readonly bool _quiet;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _lastDrawn;
    private bool _drawn;

    /// <param name="console">Where to write (standard error).</param>
    /// <param name="verb">What is being done, e.g. "verified".</param>
    /// <param name="total">How many items there are (0 if unknown).</param>
    /// <param name="quiet">Print nothing.</param>
    /// <param name="time">The clock of the rates.</param>
    public ProgressReporter(CliConsole console, string verb, long total, bool quiet, TimeProvider time)
    {
        _error = console.Error;
        _verb = verb;
        _total = total;
        _quiet = quiet;
        _time = time;
        _terminal = IsTerminal(console);
        _started = time.GetTimestamp();
        _lastDrawn = _started;
    }

    /// <summary>Seconds since the work started.</summary>
    public double Elapsed => _time.GetElapsedTime(_started).TotalSeconds;

    /// <summary>Whether <paramref name="console"/>'s standard error is the process's own and a terminal.</summary>
    public static bool IsTerminal(CliConsole console) => console.Error is StreamWriter && !Console.IsErrorRedirected;

    /// <summary>Records that <paramref name="done"/> items are finished; redraws when it is time.</summary>
    public void Report(long done)
    {
        if (_quiet)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastDrawn, now) < (_terminal ? BarInterval : PlainInterval))
        {
            return;
        }

        _lastDrawn = now;
        Draw(done);
    }

    /// <summary>Clears the bar (a terminal) so the summary starts on a clean line.</summary>
    public void Finish()
    {
        if (!_quiet && _terminal && _drawn)
        {
            _error.Write("\r\u001b[K");
            _error.Flush();
        }
    }

    private void Draw(long done)
    {
        var seconds = Elapsed;
        var rate = seconds > 0 ? done / seconds : 0;
        var counts = _total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{_total:N0}")
            : done.ToString("N0", CultureInfo.InvariantCulture);
        var eta = _total > 0 && rate > 0 && done < _total
            ? string.Create(CultureInfo.InvariantCulture, $", about {Math.Ceiling((_total - done) / rate):N0} s left")
            : string.Empty;
        if (_terminal)
        {
            var filled = _total > 0 ? (int)Math.Min(BarWidth, BarWidth * done / _total) : 0;
            var percent = _total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {100 * done / _total,3}%") : string.Empty;
            _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[K[{new string('#', filled)}{new string('.', BarWidth - filled)}]{percent} {counts} {_verb}, {rate:N0}/s{eta}"));
            _drawn = true;
        }
        else
        {
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tradeproof: {counts} {_verb}, {rate:N0}/s{eta}"));
        }

        _error.Flush();
    }
}
