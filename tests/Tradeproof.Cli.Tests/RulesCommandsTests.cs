using System.Text.Json;

namespace Tradeproof.Cli.Tests;

public sealed class RulesCommandsTests : IDisposable
{
    private readonly SignedTradeFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void An_admissible_presentation_is_exit_0_with_its_findings()
    {
        var path = _files.Write("vp.json", SignedTradeFiles.Presentation(_files.Product(), _files.Sale("Prairie Oil", "Trader A", 1000, "2026-07-01T00:00:00Z")));
        var result = CliRunner.Run("rules", "check", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PASS  IDENTITY-ISSUER-UNVERIFIED", result.Output, StringComparison.Ordinal);
        Assert.Contains("PASS  CHAIN-QUANTITY-OVERSOLD", result.Output, StringComparison.Ordinal);
        Assert.Contains("decision: admissible (2 credentials, 0 failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prohibited_origin_is_exit_1_and_the_json_names_the_code_and_pointer()
    {
        var path = _files.Write("vp.json", SignedTradeFiles.Presentation(_files.Product(country: "KP")));
        var result = CliRunner.Run("rules", "check", path, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("not admissible", json.RootElement.GetProperty("decision").GetString());
        var failure = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "fail");
        Assert.Equal("ORIGIN-PROHIBITED", failure.GetProperty("code").GetString());
        Assert.Equal("/credentialSubject/product/countryOfOrigin", failure.GetProperty("pointer").GetString());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void A_policy_file_changes_the_decision()
    {
        var path = _files.Write("vp.json", SignedTradeFiles.Presentation(_files.Product(country: "KP")));
        var policy = _files.Write("policy.json", """{ "prohibitedOrigins": [] }""");
        Assert.Equal(0, CliRunner.Run("rules", "check", path, "--policy", policy).ExitCode);

        var strict = _files.Write("strict.json", """{ "prohibitedOrigins": ["CA"] }""");
        var canadian = _files.Write("ca.json", _files.Product());
        Assert.Equal(1, CliRunner.Run("rules", "check", canadian, "--policy", strict).ExitCode);
    }

    [Fact]
    public void A_presentation_read_from_standard_input_with_a_tampered_credential_fails_the_identity_rule()
    {
        var sale = JsonDocument.Parse(_files.Sale("Prairie Oil", "Trader A", 1000, "2026-07-01T00:00:00Z")).RootElement.GetRawText().Replace("\"1000\"", "\"10\"", StringComparison.Ordinal);
        var result = CliRunner.RunWithInput(SignedTradeFiles.Presentation(_files.Product(), sale), "rules", "check", "-");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  IDENTITY-ISSUER-UNVERIFIED", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "deMinimis": { "threshold": "high" } }""", "/deMinimis/threshold")]
    [InlineData("""{ "embargo": ["KP"] }""", "/embargo")]
    public void A_malformed_policy_is_exit_1_naming_the_member(string policyJson, string member)
    {
        var path = _files.Write("ca.json", _files.Product());
        var policy = _files.Write("policy.json", policyJson);
        var result = CliRunner.Run("rules", "check", path, "--policy", policy);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("tradeproof: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(member, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Rules_list_shows_the_catalogue()
    {
        var result = CliRunner.Run("rules", "list");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("STEEL-MELT-POUR-MISSING", result.Output, StringComparison.Ordinal);
        Assert.Contains("ECOM-DE-MINIMIS-OVER-THRESHOLD", result.Output, StringComparison.Ordinal);
        Assert.Equal(17, result.Output.TrimEnd().Split('\n').Length);
    }
}
