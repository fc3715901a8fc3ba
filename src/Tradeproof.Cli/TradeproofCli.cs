using System.CommandLine;
using System.CommandLine.Help;
using Tradeproof.Cli.Commands;

namespace Tradeproof.Cli;

/// <summary>
/// Builds the <c>tradeproof</c> command tree and runs it. Every verb reports failure the same way:
/// one line on standard error (<c>tradeproof: error: ...</c>) and a non-zero exit code
/// (<see cref="ExitCodes"/>); standard output carries only results.
/// </summary>
internal static class TradeproofCli
{
    /// <summary>The global option that adds stack traces to error lines.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>Parses and runs a command line against the given console; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(console);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };

        console.Verbose = parseResult.GetValue<bool>(VerboseOption);
        console.Json = parseResult.CommandResult.Command.Options.Any(o => o.Name == "--json") && parseResult.GetValue<bool>("--json");
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction
            && !root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().Any(d => parseResult.GetResult(d) is not null))
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"tradeproof: error: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"Run '{CommandPath(parseResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole command tree; each capability adds its verbs here.</summary>
    public static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand(
            "Tradeproof: trade data as W3C Verifiable Credentials. Canonicalization (RDFC-1.0, JCS), JSON-LD, encodings, keys and DIDs.");
        root.Add(new Option<bool>(VerboseOption) { Description = "On an error, also print the stack trace (for bug reports).", Recursive = true });
        root.Add(RdfCommands.Create(console));
        root.Add(JcsCommand.Create(console));
        root.Add(MultibaseCommands.Create(console));
        root.Add(JsonLdCommands.Create(console));
        root.Add(KeyCommands.Create(console));
        root.Add(DidCommands.Create(console));
        root.Add(ServeCommand.Create(console));
        root.Add(TenantCommands.Create(console));
        root.Add(ClientCommands.Create(console));
        root.Add(DashboardCommand.Create(console));
        Command[][] groups =
        [
            CredentialCommands.Create(console),
            VerifyCommand.Create(console),
            StatusCommands.Create(console),
            TypesCommands.Create(console),
            TwinCommands.Create(console),
            RulesCommands.Create(console),
            WorkflowCommands.Create(console),
            LogCommands.Create(console),
            RegistryCommands.Create(console),
            OutboxCommands.Create(console),
            DemoCommand.Create(console),
        ];
        foreach (var command in groups.SelectMany(g => g))
        {
            root.Add(command);
        }

        root.Add(DoctorCommand.Create(console));
        root.Add(BackupCommand.Create(console));
        root.Add(CompletionCommand.Create(console, () => root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)));

        return root;
    }

    /// <summary>
    /// Runs a verb's body, turning exceptions into one error line. Typed errors of the Tradeproof
    /// libraries (and unreadable input) are the user's input being wrong: exit 1. Anything else is a
    /// bug in Tradeproof: exit 70, still on one line.
    /// </summary>
    public static int Guard(CliConsole console, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
#pragma warning disable CA1031 // The command line's last line of defence: every failure becomes one line and an exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var (message, exitCode) = CliErrors.Describe(e, IsInputError(e));
            console.Error.WriteLine(message);
            if (console.Json)
            {
                console.Output.WriteLine(CliErrors.Json(message, exitCode));
            }

            if (console.Verbose)
            {
                console.Error.WriteLine(e.ToString());
            }

            return exitCode;
        }
    }

    private static bool IsInputError(Exception e) =>
        e is CliInputException or IOException or UnauthorizedAccessException or OperationCanceledException
        || (e.GetType().Assembly.GetName().Name?.StartsWith("Tradeproof.", StringComparison.Ordinal) ?? false);

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        names[0] = "tradeproof";
        return string.Join(' ', names);
    }
}
