using System.CommandLine;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof completion bash|zsh|fish</c>: prints a shell completion script. The script asks the command itself
/// what may come next through System.CommandLine's <c>[suggest:POSITION]</c> directive
/// (<c>tradeproof "[suggest:15]" "tradeproof veri"</c> prints <c>verify</c>), so completions always match the installed
/// version: verbs, options and the values an option accepts. The top-level verbs are also written into the script,
/// used when the command cannot be run.
/// </summary>
internal static class CompletionCommand
{
    /// <summary>The shells a script is written for.</summary>
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    public static Command Create(CliConsole console, Func<IEnumerable<string>> verbs)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(verbs);
        var shell = new Argument<string>("SHELL") { Description = "The shell: bash, zsh or fish." };
        shell.AcceptOnlyFromAmong([.. Shells]);
        var command = new Command(
            "completion",
            "Print a shell completion script: eval \"$(tradeproof completion bash)\" in ~/.bashrc; tradeproof completion zsh > \"${fpath[1]}/_tradeproof\"; tradeproof completion fish > ~/.config/fish/completions/tradeproof.fish.")
        {
            shell,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var list = string.Join(' ', verbs().Order(StringComparer.Ordinal));
            console.Output.Write(Script(parse.GetValue(shell)!, list));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The script for <paramref name="shell"/>, with <paramref name="verbs"/> (space-separated) as the fallback list.</summary>
    public static string Script(string shell, string verbs) => shell switch
    {
        "bash" => Bash.Replace("@VERBS@", verbs, StringComparison.Ordinal),
        "zsh" => Zsh.Replace("@VERBS@", verbs, StringComparison.Ordinal),
        "fish" => Fish.Replace("@VERBS@", verbs, StringComparison.Ordinal),
        _ => throw new CliInputException($"no completion script for '{shell}': give bash, zsh or fish"),
    };

    // COMP_LINE is the line up to the end, COMP_POINT the cursor's offset in it; the command the user typed
    // (tradeproof, ./tradeproof, a full path) is asked itself.
    private const string Bash = """
        # tradeproof completion for bash. Load it with: eval "$(tradeproof completion bash)"
        # (in ~/.bashrc), or save it as /etc/bash_completion.d/tradeproof.
        _tradeproof_complete()
        {
            local IFS=$'\n'
            local candidates
            candidates=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            if [ -z "$candidates" ] && [ "$COMP_CWORD" -eq 1 ]; then
                candidates=$(printf '%s\n' @VERBS@)
            fi
            COMPREPLY=( $(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -o bashdefault -F _tradeproof_complete tradeproof

        """;

    private const string Zsh = """
        #compdef tradeproof
        # tradeproof completion for zsh. Save it as _tradeproof in a folder of $fpath
        # (tradeproof completion zsh > "${fpath[1]}/_tradeproof"), or: source <(tradeproof completion zsh)
        _tradeproof() {
            local -a candidates
            candidates=(${(f)"$(${words[1]} "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)"})
            if (( ${#candidates} == 0 && CURRENT == 2 )); then
                candidates=(@VERBS@)
            fi
            compadd -- ${candidates}
        }
        if (( $+functions[compdef] )); then
            compdef _tradeproof tradeproof
        fi

        """;

    private const string Fish = """
        # tradeproof completion for fish. Save it: tradeproof completion fish > ~/.config/fish/completions/tradeproof.fish
        function __tradeproof_complete
            set -l line (commandline -cp)
            set -l command (commandline -opc)[1]
            set -l candidates ($command "[suggest:"(string length -- $line)"]" "$line" 2>/dev/null)
            if test (count $candidates) -eq 0; and test (count (commandline -opc)) -eq 1
                set candidates @VERBS@
            end
            printf '%s\n' $candidates
        end
        complete -c tradeproof -f -a '(__tradeproof_complete)'

        """;
}
