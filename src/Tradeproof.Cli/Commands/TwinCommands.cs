using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof twin show</c>.</summary>
internal static class TwinCommands
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("twin", "Digital twins of goods.")];
    }
}
