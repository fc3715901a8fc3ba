using System.Diagnostics;
using System.Text;
using Tradeproof.Node;

namespace Tradeproof.Demo;

/// <summary>
/// A <c>tradeproof serve --stop-on-stdin-eof</c> child process of the demo. Its standard output and error go to a log
/// file in its data folder; its standard input stays open as long as the demo wants it running: closing it stops the
/// node gracefully, and when the demo's process dies (even by SIGKILL) the pipe closes with it, so no node is left
/// behind. A child that does not stop within the grace period is killed.
/// </summary>
internal sealed class DemoNodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private const string ListeningLine = "tradeproof: node listening on ";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _tail = new();
    private Task _pumps = Task.CompletedTask;

    private DemoNodeProcess(Process process, StreamWriter log, string logFile)
    {
        _process = process;
        _log = log;
        LogFile = logFile;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Where its output goes.</summary>
    public string LogFile { get; }

    /// <summary>Starts <c>COMMAND serve --config CONFIG --urls URL --stop-on-stdin-eof</c> and waits until it listens.</summary>
    /// <exception cref="DemoException">It could not start, exited or did not listen in time (the message carries its last output;
    /// an <see cref="IOException"/> inner exception when its port was taken).</exception>
    public static async Task<DemoNodeProcess> StartAsync(string name, IReadOnlyList<string> command, string configFile, string listenUrl, string logFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in command.Skip(1).Concat(["serve", "--config", configFile, "--urls", listenUrl, "--stop-on-stdin-eof"]))
        {
            start.ArgumentList.Add(arg);
        }

        NodeGcBudget.AddDefault(start.Environment); // the node's GC budget from the start: serve need not re-execute

        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DemoException($"The node {name} did not start ({command[0]}).");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await log.DisposeAsync().ConfigureAwait(false);
            throw new DemoException($"The node {name} cannot be started with '{string.Join(' ', command)}': {e.Message}.", e);
        }

        var child = new DemoNodeProcess(process, log, logFile);
        child._pumps = Task.WhenAll(child.PumpAsync(process.StandardOutput), child.PumpAsync(process.StandardError));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(child._listening.Task, exited).ConfigureAwait(false);
            if (first != child._listening.Task)
            {
                await exited.ConfigureAwait(false);
                await child._pumps.ConfigureAwait(false);
                var tail = child.Tail();
                var message = $"The node {name} exited ({process.ExitCode}) before listening on {listenUrl}: {tail} (log: {logFile})";
                throw tail.Contains("in use", StringComparison.OrdinalIgnoreCase) ? new DemoException(message, new IOException(tail)) : new DemoException(message);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new DemoException($"The node {name} did not listen on {listenUrl} within {StartTimeout.TotalSeconds:0} s: {child.Tail()} (log: {logFile})");
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return child;
    }

    /// <summary>Closes its standard input (a graceful stop), waits for it, kills it (and its children) when it does not stop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // Already gone.
                }

                using var grace = new CancellationTokenSource(StopGrace);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            await _pumps.ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
            await _log.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_logLock)
            {
                _log.WriteLine(line);
                _log.Flush();
                _ = _tail.AppendLine(line);
                if (_tail.Length > 4000)
                {
                    _ = _tail.Remove(0, _tail.Length - 2000);
                }
            }

            if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
            {
                _ = _listening.TrySetResult();
            }
        }
    }

    private string Tail()
    {
        lock (_logLock)
        {
            var lines = _tail.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? "no output" : string.Join(" | ", lines.TakeLast(3));
        }
    }
}
