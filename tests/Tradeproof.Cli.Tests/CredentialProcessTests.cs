using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;

namespace Tradeproof.Cli.Tests;

/// <summary>The issuer's and holder's day, run as the real <c>tradeproof</c> process: key, list, issue, present, revoke.</summary>
public sealed class CredentialProcessTests : IDisposable
{
    private readonly CliTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Issue_present_revoke_and_check_as_separate_processes()
    {
        string P(string name) => _files.PathOf(name);
        CliResult Run(string? stdin, params string[] args)
        {
            var result = CliRunner.RunProcess(stdin, args);
            Assert.True(result.ExitCode is 0, $"tradeproof {string.Join(' ', args)}: exit {result.ExitCode}: {result.Error}");
            return result;
        }

        Run(null, "key", "generate", "--type", "p256", "--out", P("issuer.key"));
        Run(null, "key", "generate", "--type", "ed25519", "--out", P("holder.key"));
        Run(null, "status", "create", "--key", P("issuer.key"), "--url", "https://status.steel.example.com/r/1", "--out", P("r.state"));

        // Issue from standard input, with a status entry.
        var described = JsonNode.Parse(Run(CliTestFiles.MillTestReport, "issue", "-", "--key", P("issuer.key"), "--status-list", P("r.state"), "--json", "--out", P("vc.json")).Output)!;
        var index = described["status"]![0]!["statusListIndex"]!.GetValue<int>();
        Assert.InRange(index, 0, 131071);
        var issued = File.ReadAllText(P("vc.json"));
        Assert.Equal(described["id"]!.GetValue<string>(), JsonNode.Parse(issued)!["id"]!.GetValue<string>());
        var status = JsonNode.Parse(issued)!["credentialStatus"]!;
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), status["statusListIndex"]!.GetValue<string>());

        var vp = Run(null, "present", P("vc.json"), "--key", P("holder.key"), "--challenge", "c-42", "--domain", "https://customs.example").Output;
        var verified = CliTestFiles.VerifyDataIntegrity(vp.TrimEnd('\n'), CliTestFiles.Verification(ProofPurposes.Authentication, "c-42", "https://customs.example"));
        Assert.True(verified.Verified, string.Join("; ", verified.Problems));

        Run(null, "status", "publish", P("r.state"), "--key", P("issuer.key"), "--out", P("list.json"));
        Assert.Contains("revocation: valid", Run(null, "status", "check", P("vc.json"), "--list", P("list.json")).Output, StringComparison.Ordinal);

        Run(null, "status", "set", P("r.state"), index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--value", "1");
        Run(null, "status", "publish", P("r.state"), "--key", P("issuer.key"), "--out", P("list.json"));
        var revoked = CliRunner.RunProcess(null, "status", "check", P("vc.json"), "--list", P("list.json"));
        Assert.Equal(1, revoked.ExitCode);
        Assert.Contains("revocation: revoked", revoked.Output, StringComparison.Ordinal);

        // Bad input through the real process: one line, exit 1.
        var bad = CliRunner.RunProcess("{\"@context\": 5}", "issue", "-", "--key", P("issuer.key"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.ErrorLines);
        Assert.StartsWith("tradeproof: error: ", bad.Error, StringComparison.Ordinal);
    }
}
