using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// Gives <c>tradeproof serve</c> the node's gen0 budget (<see cref="NodeGcBudget"/>): the GC reads it only from the
/// environment at start, so on Linux, unless the operator set <c>DOTNET_GCgen0size</c> or <c>COMPlus_GCgen0size</c>,
/// the process re-executes itself with <c>DOTNET_GCgen0size=0x4000000</c> added. execve(2) keeps the process id, the
/// open standard streams and the working directory, so a supervisor (systemd, the demo, a test) sees the same process.
/// If execve fails the node runs on with the default budget after one warning line. Not on Windows or macOS.
/// </summary>
internal static class ServeGcBudget
{
    /// <summary>What to execute: the path, its argv, its environment (<c>NAME=value</c>).</summary>
    internal sealed record Exec(string Path, IReadOnlyList<string> Arguments, IReadOnlyList<string> Environment);

    /// <summary>The process image to re-execute (the <c>dotnet</c> host or the apphost, whichever runs).</summary>
    internal const string SelfExe = "/proc/self/exe";

    /// <summary>
    /// Whether and what to execute: null on another OS, when the operator chose a budget, or when
    /// <paramref name="commandLine"/> is unreadable; else <see cref="SelfExe"/> with the same arguments and the
    /// environment plus <see cref="NodeGcBudget.Variable"/>.
    /// </summary>
    /// <param name="isLinux">The OS is Linux (execve and /proc).</param>
    /// <param name="environment">The process's environment.</param>
    /// <param name="commandLine">The text of <c>/proc/self/cmdline</c>: each argument followed by a NUL.</param>
    public static Exec? Decide(bool isLinux, IReadOnlyDictionary<string, string> environment, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(commandLine);
        if (!isLinux || NodeGcBudget.IsChosen(name => environment.GetValueOrDefault(name)))
        {
            return null;
        }

        var arguments = commandLine.Split('\0');
        if (arguments.Length < 2 || arguments[^1].Length != 0)
        {
            return null; // not NUL-terminated: not what proc(5) describes; do not guess the arguments
        }

        return new Exec(
            SelfExe,
            arguments[..^1],
            [.. environment.Select(v => v.Key + "=" + v.Value), NodeGcBudget.Variable + "=" + NodeGcBudget.DefaultValue]);
    }

    /// <summary>Re-executes this process when <see cref="Decide"/> says so; returns only when it does not, or execve failed (one warning line).</summary>
    public static void Apply(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        }

        string commandLine;
        try
        {
            commandLine = Encoding.UTF8.GetString(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn(error, e.Message); // a /proc denied by AppArmor, SELinux or a seccomp profile: run on without the budget
            return;
        }

        if (Decide(isLinux: true, environment, commandLine) is not { } exec)
        {
            return;
        }

        RemoveDiagnosticsSocket();
        Execve(exec);
        Warn(error, $"execve failed, errno {Marshal.GetLastPInvokeError()}");
    }

    // The runtime listens for dotnet-counters, dotnet-trace and dotnet-dump on $TMPDIR/dotnet-diagnostic-PID-START-socket,
    // made before Main and never removed by execve. The new image has the same PID and start time and binds without
    // unlinking first, so with the old file in place it would run without that port. The old image's listener ends
    // with execve anyway; if execve fails, this process loses its port (it still runs; the warning says why).
    private static void RemoveDiagnosticsSocket()
    {
        try
        {
            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{System.Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to remove, or gone: the new image then runs without the port, as it would have.
        }
    }

    private static void Warn(TextWriter error, string why) => error.WriteLine(
        $"tradeproof: warning: could not restart with {NodeGcBudget.Variable}={NodeGcBudget.DefaultValue} ({why}); running with the runtime's default gen0 budget");

    // execve(2) returns only on failure; the strings are freed then.
    private static void Execve(Exec exec)
    {
        var argv = ToNative(exec.Arguments);
        var envp = ToNative(exec.Environment);
        try
        {
            _ = NativeExecve(exec.Path, argv, envp);
        }
        finally
        {
            foreach (var pointer in argv.Concat(envp))
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    // A NULL-terminated array of UTF-8 strings, as execve(2) takes argv and envp.
    private static IntPtr[] ToNative(IReadOnlyList<string> strings) =>
        [.. strings.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
#pragma warning disable SYSLIB1054 // Called once: a source generator would only add AllowUnsafeBlocks to the CLI.
    private static extern int NativeExecve([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr[] argv, IntPtr[] envp);
#pragma warning restore SYSLIB1054
}
