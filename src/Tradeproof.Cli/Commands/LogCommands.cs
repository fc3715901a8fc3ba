using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary>log verify|audit (transparency log, issue #8).</summary>
internal static class LogCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [];
    }
}
