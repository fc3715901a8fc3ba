using System.Text.Json;
using Tradeproof.Testing;

namespace Tradeproof.Cli.Tests;

public sealed class CanonicalizationCommandTests
{
    private static string RdfCanon(string file) => Conformance.PathOf("rdf-canon", "rdfc10", file);

    [Fact]
    public void Rdf_canonicalize_writes_the_canonical_nquads_of_a_file()
    {
        var result = CliRunner.Run("rdf", "canonicalize", RdfCanon("test002-in.nq"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(RdfCanon("test002-rdfc10.nq")), result.Output);
    }

    [Fact]
    public void Rdf_canonicalize_reads_standard_input()
    {
        var result = CliRunner.RunWithInput(File.ReadAllText(RdfCanon("test017-in.nq")), "rdf", "canonicalize", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(RdfCanon("test017-rdfc10.nq")), result.Output);
    }

    [Fact]
    public void Rdf_canonicalize_with_sha384_matches_the_suite()
    {
        var result = CliRunner.Run("rdf", "canonicalize", "--hash", "sha384", RdfCanon("test075-in.nq"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(RdfCanon("test075-rdfc10.nq")), result.Output);
    }

    [Fact]
    public void Rdf_canonicalize_map_writes_the_issued_identifiers_as_json()
    {
        var result = CliRunner.Run("rdf", "canonicalize", "--map", RdfCanon("test075-in.nq"), "--hash", "sha384");
        Assert.Equal(0, result.ExitCode);
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(RdfCanon("test075-rdfc10map.json")));
        var actual = JsonSerializer.Deserialize<Dictionary<string, string>>(result.Output);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Rdf_canonicalize_refuses_the_poison_graph_with_one_error_line()
    {
        var result = CliRunner.Run("rdf", "canonicalize", RdfCanon("test074-in.nq"));
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Rdf_canonicalize_names_line_and_column_of_a_syntax_error()
    {
        var result = CliRunner.RunWithInput("<http://a/s> <http://a/p> <http://a/o> .\n<http://a/s> <http://a/p> bad .\n", "rdf", "canonicalize");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("2", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Jcs_writes_the_canonical_form_byte_for_byte()
    {
        var result = CliRunner.Run("jcs", Conformance.PathOf("jcs", "input", "structures.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Conformance.PathOf("jcs", "output", "structures.json")), result.Output);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1e400}")]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("{\"a\":")]
    public void Jcs_refuses_what_is_not_i_json_with_one_error_line(string json)
    {
        var result = CliRunner.RunWithInput(json, "jcs");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.StartsWith("tradeproof: error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
