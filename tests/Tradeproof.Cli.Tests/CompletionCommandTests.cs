namespace Tradeproof.Cli.Tests;

/// <summary>tradeproof completion bash|zsh|fish and the [suggest] directive the scripts call.</summary>
public sealed class CompletionCommandTests
{
    [Theory]
    [InlineData("bash", "complete -o default -o bashdefault -F _tradeproof_complete tradeproof")]
    [InlineData("zsh", "compdef _tradeproof tradeproof")]
    [InlineData("fish", "complete -c tradeproof -f -a '(__tradeproof_complete)'")]
    public void Each_script_registers_itself_asks_suggest_and_lists_the_verbs(string shell, string registration)
    {
        var result = CliRunner.Run("completion", shell);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Output, StringComparison.Ordinal);
        foreach (var verb in new[] { "verify", "issue", "serve", "doctor", "completion", "tenant", "demo" })
        {
            Assert.Contains(" " + verb, result.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("@VERBS@", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error()
    {
        var result = CliRunner.Run("completion", "powershell");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("powershell", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_answers_verbs_options_and_option_values()
    {
        var verbs = CliRunner.Run("[suggest:15]", "tradeproof veri");
        Assert.Equal(0, verbs.ExitCode);
        Assert.Contains("verify", verbs.Output.Split('\n'));

        var options = CliRunner.Run("[suggest:24]", "tradeproof verify --bul");
        Assert.Contains("--bulk", options.Output.Split('\n'));

        var values = CliRunner.Run("[suggest:31]", "tradeproof issue --suite eddsa-");
        var suites = values.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("eddsa-jcs-2022", suites);
        Assert.Contains("eddsa-rdfc-2022", suites);
        Assert.DoesNotContain("jwt", suites);
    }
}

/// <summary>
/// The zsh and fish scripts loaded by the real shells (Debian's zsh and fish; .ci/run installs them), completing a verb
/// through a <c>tradeproof</c> on PATH that runs the built command. Skipped when the shell is missing, failed under CI=true.
/// </summary>
public sealed class CompletionShellTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("tradeproof-completion-").FullName;

    public CompletionShellTests()
    {
        var wrapper = Path.Combine(_bin, "tradeproof");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "tradeproof.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [ShellFact("zsh")]
    public void Zsh_loads_the_script_registers_it_with_compinit_and_completes_a_verb()
    {
        // compadd is replaced by a function that prints what it was given (functions win over builtins in zsh); the
        // completion function runs with the words, BUFFER and CURSOR zle would give it for "tradeproof tw<TAB>".
        const string script = """
            autoload -U compinit && compinit -u -D
            source <(tradeproof completion zsh)
            [[ $_comps[tradeproof] == _tradeproof ]] || { print -u2 'not registered'; exit 3 }
            compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }
            words=(tradeproof tw); CURRENT=2; BUFFER='tradeproof tw'; CURSOR=${#BUFFER}
            _tradeproof
            words=(tradeproof log au); CURRENT=3; BUFFER='tradeproof log au'; CURSOR=${#BUFFER}
            _tradeproof
            """;
        var (exit, output, error) = Shell("zsh", "-f", "-c", script);
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("twin", lines);
        Assert.Contains("audit", lines);
        Assert.DoesNotContain("verify", lines);
    }

    [ShellFact("fish")]
    public void Fish_loads_the_script_and_completes_a_verb()
    {
        var (exit, output, error) = Shell("fish", "--no-config", "-c", "tradeproof completion fish | source; complete -C 'tradeproof tw'; echo ---; complete -C 'tradeproof log au'");
        Assert.True(exit == 0, error);
        var parts = output.Split("---\n");
        var verbs = parts[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]).ToList();
        Assert.Contains("twin", verbs);
        Assert.DoesNotContain("verify", verbs);
        Assert.Contains("audit", parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]));
    }

    private (int Exit, string Output, string Error) Shell(string shell, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = _bin;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), shell + " did not finish");
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>A test that runs a shell: skipped when it is not installed, except under CI=true, where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShellFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when <paramref name="shell"/> is not on PATH and this is not CI.</summary>
    public ShellFactAttribute(string shell)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, shell)));
        if (!found)
        {
            Skip = Tradeproof.Testing.Ci.SkipReason($"{shell} is not installed (apt-get install -y {shell}); CI installs it");
        }
    }
}
