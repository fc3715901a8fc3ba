using System.Diagnostics;
using System.Text;

namespace Tradeproof.Testing;

/// <summary>What a run of the command printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The built <c>tradeproof</c> command (<c>dotnet tradeproof.dll ...</c> from the test's output folder, where a
/// reference to Tradeproof.Cli puts it) as a child process, as a user runs it.
/// </summary>
public static class TradeproofProcess
{
    /// <summary>The command's assembly in the test's output folder.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "tradeproof.dll");

    // dotnet's full path on the test's own PATH (a test may give the command a PATH without it).
    private static string DotnetPath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";

    /// <summary>
    /// Starts <c>tradeproof</c> with the arguments and extra environment variables, standard output and error
    /// redirected (UTF-8); standard input too when <paramref name="redirectInput"/>. The caller drains the pipes.
    /// It starts with every signal's default action (<c>env --default-signal</c>, then exec: same process id): a test
    /// run from a non-interactive shell's background job inherits SIGINT ignored, and a Ctrl-C test's SIGINT would
    /// then never reach the command.
    /// </summary>
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool redirectInput = false)
    {
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--default-signal");
        start.ArgumentList.Add(DotnetPath);
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("env did not start.");
    }

    /// <summary>
    /// Runs <c>tradeproof</c> to completion with <paramref name="stdin"/> as its input (not redirected when null: the
    /// command sees the test host's); what it printed and returned. With <paramref name="timeout"/>, a command still
    /// running then is killed (with its children) and the test fails with what it printed so far.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        using var process = Start(list, environment, redirectInput: stdin is not null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        using (var limit = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
                Assert.Fail($"tradeproof {string.Join(' ', list)} did not finish within {timeout}: {await error.ConfigureAwait(false)}\n{await output.ConfigureAwait(false)}");
            }
        }

        return new ProcessResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Runs <c>tradeproof</c> to completion (blocking); what it printed and returned.</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(arguments, stdin, environment).GetAwaiter().GetResult();

    /// <summary>Runs <c>tradeproof</c> to completion and asserts it succeeded; its standard output.</summary>
    public static async Task<string> RunOkAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(list, null, environment).ConfigureAwait(false);
        Assert.True(result.ExitCode == 0, $"tradeproof {string.Join(' ', list)} exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }
}
