using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Tests;

/// <summary>tradeproof verify: credentials issued with the library, verified through the command line.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private const string ListUrl = "https://issuer.example/status/revocation";
    private readonly string _dir = Directory.CreateTempSubdirectory("tradeproof-verify-").FullName;
    private readonly KeyPair _key = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
    private readonly DataIntegrityEngine _engine = new();

    private string Did => "did:key:" + _key.PublicKey.ToMultibase();

    private string Method => Did + "#" + _key.PublicKey.ToMultibase();

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private byte[] Credential(string extra = "") => Encoding.UTF8.GetBytes($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
          "type": ["VerifiableCredential"],
          "issuer": "{{Did}}",
          "validFrom": "2025-01-01T00:00:00Z",{{extra}}
          "credentialSubject": { "id": "did:example:subject" }
        }
        """);

    private byte[] Sign(byte[] document) => _engine.AddProof(document, new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = Method }, _key);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    /// <summary>A credential with a revocation entry and the signed list, its bit set when <paramref name="revoked"/>.</summary>
    private async Task<(string Credential, string List)> WithStatusAsync(bool revoked)
    {
        var issuer = new BitstringStatusListIssuer([new StatusListDefinition { Url = ListUrl, Purpose = "revocation" }], new InMemoryStatusListStore(), new SequentialStatusIndexSource());
        var entry = Assert.Single(await issuer.AllocateAsync(new CredentialStatusRequest { CredentialId = "urn:uuid:1", Issuer = Did, StatusPurposes = ["revocation"] }));
        if (revoked)
        {
            await issuer.SetStatusAsync(ListUrl, int.Parse(entry.Json.GetProperty("statusListIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 1);
        }

        var list = Sign(await issuer.PublishAsync(ListUrl, Did, DateTimeOffset.UtcNow.AddDays(-1)));
        var credential = JsonNode.Parse(Credential())!.AsObject();
        credential["credentialStatus"] = JsonNode.Parse(entry.Json.GetRawText());
        return (Write("credential.json", Sign(Encoding.UTF8.GetBytes(credential.ToJsonString()))), Write("list.json", list));
    }

    [Fact]
    public void A_valid_credential_exits_0_with_a_line_per_check()
    {
        var result = CliRunner.Run("verify", Write("vc.json", Sign(Credential())));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("✓ strict-parse", result.Output, StringComparison.Ordinal);
        Assert.Contains("✓ transform-and-verify", result.Output, StringComparison.Ordinal);
        Assert.Contains("– challenge-domain  not applicable", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("valid\n", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void A_valid_credential_from_standard_input_with_json_reports_outcome_valid()
    {
        var result = CliRunner.RunWithInput(Encoding.UTF8.GetString(Sign(Credential())), "verify", "-", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = Json(result);
        Assert.Equal("valid", json.GetProperty("outcome").GetString());
        Assert.Equal("data-integrity-credential", json.GetProperty("format").GetString());
        Assert.Equal(13, json.GetProperty("checks").GetArrayLength());
        Assert.Equal(64, json.GetProperty("receipt").GetProperty("credentialSha256").GetString()!.Length);
    }

    [Fact]
    public void A_tampered_credential_exits_1_and_names_the_failed_check_and_problem_type()
    {
        var tampered = Encoding.UTF8.GetString(Sign(Credential())).Replace("did:example:subject", "did:example:mallory", StringComparison.Ordinal);
        var path = Write("tampered.json", Encoding.UTF8.GetBytes(tampered));
        var result = CliRunner.Run("verify", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ transform-and-verify", result.Output, StringComparison.Ordinal);
        Assert.Contains("PROOF_VERIFICATION_ERROR", result.Output, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("tradeproof: error: invalid: transform-and-verify", result.ErrorLines[0], StringComparison.Ordinal);

        var json = Json(CliRunner.Run("verify", path, "--json"));
        Assert.Equal("invalid", json.GetProperty("outcome").GetString());
        Assert.Contains(json.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetInt32() == -17);
    }

    [Fact]
    public void An_expired_credential_exits_1_with_a_range_error()
    {
        var result = CliRunner.Run("verify", Write("expired.json", Sign(Credential("\"validUntil\": \"2025-02-01T00:00:00Z\","))), "--json");
        Assert.Equal(1, result.ExitCode);
        var failed = Json(result).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("outcome").GetString() == "failed");
        Assert.Equal("validity-period", failed.GetProperty("name").GetString());
        Assert.Equal("https://www.w3.org/ns/credentials#RANGE_ERROR", failed.GetProperty("problems")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_revoked_credential_with_a_local_status_list_exits_1()
    {
        var (credential, list) = await WithStatusAsync(revoked: true);
        var result = CliRunner.Run("verify", credential, "--status-list", list);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ status", result.Output, StringComparison.Ordinal);
        Assert.Contains("Revoked", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_whose_local_status_list_says_not_revoked_exits_0()
    {
        var (credential, list) = await WithStatusAsync(revoked: false);
        var result = CliRunner.Run("verify", credential, "--status-list", list, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ListUrl, Json(result).GetProperty("receipt").GetProperty("statusLists")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_credential_whose_status_list_is_not_available_could_not_be_checked_and_exits_2()
    {
        var (credential, _) = await WithStatusAsync(revoked: false);
        var result = CliRunner.Run("verify", credential, "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("indeterminate", Json(result).GetProperty("outcome").GetString());
        Assert.StartsWith("tradeproof: error: could not check: status", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_usage_error_also_exits_2_but_prints_no_json()
    {
        var result = CliRunner.Run("verify", "--json", "--challenge");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_VC_JWT_and_a_presentation_with_challenge_and_domain_verify()
    {
        var jwt = VcJose.IssueCredential(Credential(), _key, Method);
        Assert.Equal(0, CliRunner.Run("verify", Write("vc.jwt", Encoding.ASCII.GetBytes(jwt + "\n"))).ExitCode);

        var vp = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = Did,
            ["verifiableCredential"] = new JsonArray(JsonNode.Parse(Sign(Credential()))),
        };
        var signed = _engine.AddProof(Encoding.UTF8.GetBytes(vp.ToJsonString()), new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = Method,
            ProofPurpose = ProofPurposes.Authentication,
            Challenge = "c-123",
            Domain = ["https://verifier.example"],
        }, _key);
        var path = Write("vp.json", signed);
        var ok = CliRunner.Run("verify", path, "--challenge", "c-123", "--domain", "https://verifier.example");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("credential 0: valid", ok.Output, StringComparison.Ordinal);
        var wrong = CliRunner.Run("verify", path, "--challenge", "c-999", "--domain", "https://verifier.example");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("INVALID_CHALLENGE_ERROR", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_input_exits_1_with_a_parsing_error_never_70()
    {
        var result = CliRunner.RunWithInput("not a credential", "verify");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PARSING_ERROR", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_1_with_one_error_line()
    {
        var result = CliRunner.Run("verify", Path.Combine(_dir, "missing.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Empty(result.Output);
    }
}
