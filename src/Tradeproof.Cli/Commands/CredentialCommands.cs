using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof issue</c>, <c>present</c> and <c>derive</c>.</summary>
internal static class CredentialCommands
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("issue", "Issue a credential."), new Command("present", "Make a presentation."), new Command("derive", "Derive a selective-disclosure credential.")];
    }
}
