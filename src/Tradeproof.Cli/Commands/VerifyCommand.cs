using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof verify</c>.</summary>
internal static class VerifyCommand
{
    // Being built this session (see issues); the owner replaces this body.
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [new Command("verify", "Verify a credential or presentation.")];
    }
}
