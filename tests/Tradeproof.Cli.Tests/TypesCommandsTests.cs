using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Cli.Tests;

public sealed class TypesCommandsTests
{
    [Fact]
    public void List_writes_one_line_per_type()
    {
        var result = CliRunner.Run("types", "list");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CredentialTypeCatalog.Default.Types.Count, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("MillTestReportCredential ", StringComparison.Ordinal) && l.Contains("traceability", StringComparison.Ordinal) && l.Contains("Steel", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("CustodyTransferCredential ", StringComparison.Ordinal) && l.Contains("tradeproof", StringComparison.Ordinal));
    }

    [Fact]
    public void List_json_describes_every_type()
    {
        var result = CliRunner.Run("types", "list", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var types = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(91, types.Count);
        Assert.Equal(84, types.Count(t => t.GetProperty("source").GetString() == "traceability"));
        var meter = types.Single(t => t.GetProperty("name").GetString() == "MeterReadingCredential");
        Assert.Equal(TradeContext.VocabularyIri + "MeterReadingCredential", meter.GetProperty("iri").GetString());
        Assert.Equal(["PipelineOil", "NaturalGas"], meter.GetProperty("testAreas").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("https://tradeproof.dev/schemas/trade/v1/MeterReadingCredential.json", meter.GetProperty("schema").GetString());
    }

    [Theory]
    [InlineData("BillOfLadingCredential")]
    [InlineData("https://w3id.org/traceability#BillOfLadingCredential")]
    public void Show_describes_a_type_with_its_required_properties_and_example(string name)
    {
        var result = CliRunner.Run("types", "show", name);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("BillOfLadingCredential (traceability)\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("iri: https://w3id.org/traceability#BillOfLadingCredential\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("required properties:\n  /@context\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  /credentialSubject\n", result.Output, StringComparison.Ordinal);

        var example = result.Output[(result.Output.IndexOf("example:\n", StringComparison.Ordinal) + "example:\n".Length)..];
        var parsed = JsonNode.Parse(example)!;
        Assert.Contains("BillOfLadingCredential", parsed["type"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public void Show_refuses_an_unknown_type_on_one_line()
    {
        var result = CliRunner.Run("types", "show", "NoSuchCredential");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("unknown credential type 'NoSuchCredential'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_each_example_written_by_show()
    {
        using var files = new CliTestFiles();
        foreach (var name in new[] { "MillTestReportCredential", "CustodyTransferCredential", "SensorReadingCredential" })
        {
            var path = files.Write(name + ".json", CredentialTypeCatalog.Default.Find(name)!.Example.GetRawText());
            var result = CliRunner.Run("types", "validate", path);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal($"valid: {name}\n", result.Output);
            Assert.Empty(result.Error);
        }
    }

    [Fact]
    public void Validate_lists_each_violation_with_its_pointer_and_exits_1()
    {
        var credential = JsonNode.Parse(CredentialTypeCatalog.Default.Find("MeterReadingCredential")!.Example.GetRawText())!.AsObject();
        var subject = credential["credentialSubject"]!.AsObject();
        subject.Remove("meter");
        subject["flowDirection"] = "sideways";
        subject["quantity"]!["value"] = "1,000";

        var result = CliRunner.RunWithInput(credential.ToJsonString(), "types", "validate", "-");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("/credentialSubject: ", StringComparison.Ordinal) && l.Contains("meter", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/credentialSubject/flowDirection: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/credentialSubject/quantity/value: ", StringComparison.Ordinal));
        Assert.Equal("tradeproof: error: standard input is not a valid MeterReadingCredential: " + lines.Length + " violation(s)", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Validate_with_type_checks_against_that_schema()
    {
        var example = CredentialTypeCatalog.Default.Find("InBondMovementCredential")!.Example.GetRawText();
        var result = CliRunner.RunWithInput(example, "types", "validate", "--type", "CustodyTransferCredential");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("/type: ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": [\"VerifiableCredential\", \"NoSuchCredential\"]}", "no catalogued credential type among: NoSuchCredential")]
    [InlineData("{\"type\": ", "not JSON")]
    [InlineData("[]", "a credential is a JSON object")]
    public void Validate_refuses_what_it_cannot_check_on_one_line(string input, string expected)
    {
        var result = CliRunner.RunWithInput(input, "types", "validate");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("tradeproof: error: standard input: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_refuses_a_missing_file()
    {
        var result = CliRunner.Run("types", "validate", Path.Combine(Path.GetTempPath(), "tradeproof-no-such-file.json"));
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("file not found", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
