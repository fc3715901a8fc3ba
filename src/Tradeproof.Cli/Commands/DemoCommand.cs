using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary>tradeproof demo (issue #9).</summary>
internal static class DemoCommand
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [];
    }
}
