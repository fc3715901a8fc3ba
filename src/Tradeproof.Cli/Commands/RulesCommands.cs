using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof rules check</c>.</summary>
internal static class RulesCommands
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("rules", "Admissibility rules.")];
    }
}
