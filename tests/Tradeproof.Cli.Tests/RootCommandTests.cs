namespace Tradeproof.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void Help_lists_every_verb_group()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rdf", result.Output, StringComparison.Ordinal);
        Assert.Contains("jcs", result.Output, StringComparison.Ordinal);
        Assert.Contains("multibase", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rdf", "--help")]
    [InlineData("rdf", "canonicalize", "--help")]
    [InlineData("jcs", "--help")]
    [InlineData("multibase", "--help")]
    [InlineData("multibase", "encode", "--help")]
    [InlineData("multibase", "decode", "--help")]
    public void Every_verb_has_help(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error_on_stderr()
    {
        var result = CliRunner.Run("frobnicate");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.StartsWith("tradeproof: error: ", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_option_value_is_a_usage_error()
    {
        var result = CliRunner.Run("rdf", "canonicalize", "--hash", "md5");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("md5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_one_error_line()
    {
        var result = CliRunner.Run("jcs", "/nonexistent/input.json");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal(["tradeproof: error: file not found: /nonexistent/input.json"], result.ErrorLines);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void The_real_process_reads_stdin_and_writes_stdout()
    {
        var result = CliRunner.RunProcess("{\"b\":1,\"a\":[1e1,\"\\u00e9\"]}", "jcs", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"a\":[10,\"é\"],\"b\":1}", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void The_real_process_reports_bad_input_on_one_line_with_exit_code_1()
    {
        var result = CliRunner.RunProcess("<http://example/s> <http://example/p> \"unterminated .\n", "rdf", "canonicalize");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("tradeproof: error: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
