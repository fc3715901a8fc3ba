namespace Tradeproof.Cli;

/// <summary>The streams a command reads and writes: the process's own, or a test's.</summary>
/// <param name="Input">Standard input, read when a command is given <c>-</c> (or no file).</param>
/// <param name="Output">Standard output: the command's result, nothing else.</param>
/// <param name="Error">Standard error: one line per error.</param>
internal sealed record CliConsole(Stream Input, TextWriter Output, TextWriter Error)
{
    /// <summary>The global <c>--verbose</c> option was given: errors also print their stack trace.</summary>
    public bool Verbose { get; set; }

    /// <summary>The verb was given <c>--json</c>: an error is also written to standard output as a JSON object.</summary>
    public bool Json { get; set; }

    /// <summary>The console is the process's own (not a test's in-process run): a verb may act on the process itself
    /// (<c>serve</c> re-executes it with the node's GC budget, <see cref="Commands.ServeGcBudget"/>).</summary>
    public bool OwnsProcess { get; init; }

    /// <summary>The process's standard streams (UTF-8, no byte order mark).</summary>
    public static CliConsole System => new(
        Console.OpenStandardInput(),
        new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" },
        new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" })
    {
        OwnsProcess = true,
    };
}
