using System.Text;
using Tradeproof.Testing;

namespace Tradeproof.Cli.Tests;

/// <summary>What a run of the command printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the <c>tradeproof</c> command in this process (fast) or as a real process.</summary>
internal static class CliRunner
{
    public static CliResult RunWithInput(string? stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? string.Empty));
        var exit = TradeproofCli.RunAsync(args, new CliConsole(input, output, error)).GetAwaiter().GetResult();
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static CliResult Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs the built <c>tradeproof.dll</c> as a child process, as a user would.</summary>
    public static CliResult RunProcess(string? stdin, params string[] args)
    {
        var result = TradeproofProcess.Run(args, stdin ?? string.Empty);
        return new CliResult(result.ExitCode, result.Output, result.Error);
    }
}
