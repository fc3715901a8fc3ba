using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof status create|set|check</c>.</summary>
internal static class StatusCommands
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("status", "Bitstring status lists.")];
    }
}
