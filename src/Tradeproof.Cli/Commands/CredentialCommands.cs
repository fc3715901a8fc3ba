using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof issue</c>, <c>present</c> and <c>derive</c>.</summary>
internal static class CredentialCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [IssueCommand.Create(console), PresentCommand.Create(console), DeriveCommand.Create(console)];
    }
}
