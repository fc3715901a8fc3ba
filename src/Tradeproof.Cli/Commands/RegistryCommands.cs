using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary>the trust registry (issue #8).</summary>
internal static class RegistryCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return [];
    }
}
