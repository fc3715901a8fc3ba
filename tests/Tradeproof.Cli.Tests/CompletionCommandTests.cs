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
