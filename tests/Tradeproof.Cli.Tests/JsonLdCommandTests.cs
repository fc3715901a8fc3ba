using System.Text.Json;
using Tradeproof.Testing;

namespace Tradeproof.Cli.Tests;

public sealed class JsonLdCommandTests
{
    private const string Person =
        """{"@context": {"name": "http://schema.org/name", "knows": {"@id": "http://schema.org/knows", "@type": "@id"}}, "@id": "http://example.com/a", "name": "Ana", "knows": "http://example.com/b"}""";

    private static string MillTestReport => Path.Combine(Conformance.Root, "..", "design", "fixtures", "mill-test-report.json");

    [Fact]
    public void Expand_writes_the_expanded_document()
    {
        var result = CliRunner.RunWithInput(Person, "jsonld", "expand");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var node = json.RootElement[0];
        Assert.Equal("http://example.com/a", node.GetProperty("@id").GetString());
        Assert.Equal("http://example.com/b", node.GetProperty("http://schema.org/knows")[0].GetProperty("@id").GetString());
    }

    [Fact]
    public void To_rdf_writes_nquads()
    {
        var result = CliRunner.RunWithInput(Person, "jsonld", "to-rdf");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "<http://example.com/a> <http://schema.org/knows> <http://example.com/b> .",
                "<http://example.com/a> <http://schema.org/name> \"Ana\" .",
            ],
            lines);
    }

    [Fact]
    public void To_rdf_canonical_of_the_mill_test_report_uses_embedded_contexts_only()
    {
        var result = CliRunner.Run("jsonld", "to-rdf", "--canonical", MillTestReport);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(68, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains(lines, l => l.Contains("_:c14n0", StringComparison.Ordinal));
    }

    [Fact]
    public void Safe_mode_refuses_an_undefined_term_with_one_error_line()
    {
        var result = CliRunner.RunWithInput("""{"@context": {"a": "http://x/a"}, "b": 1}""", "jsonld", "expand", "--safe");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("b", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_remote_context_is_refused_without_network()
    {
        var result = CliRunner.RunWithInput("""{"@context": "https://example.com/unknown-context.jsonld", "a": 1}""", "jsonld", "expand");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("loading remote context failed", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_ld_reports_the_spec_error_code()
    {
        var result = CliRunner.RunWithInput("""{"@id": 5}""", "jsonld", "expand");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("invalid @id value", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_requires_a_context()
    {
        var result = CliRunner.RunWithInput(Person, "jsonld", "compact");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--context", result.Error, StringComparison.Ordinal);
    }
}
