using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof types list|show|validate</c>.</summary>
internal static class TypesCommands
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("types", "Trade credential types.")];
    }
}
