using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof workflow list|show|progress</c>.</summary>
internal static class WorkflowCommands
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("workflow", "Trade workflows and their progress.")];
    }
}
