using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using static Tradeproof.Cli.Tests.CliTestFiles;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// <c>tradeproof issue</c>, <c>present</c> and <c>derive</c>, run in process; what they write is checked with the
/// credential library itself (DataIntegrityEngine, VcJose, SdJwt, EcdsaSd2023).
/// </summary>
public sealed class CredentialCommandsTests : IDisposable
{
    private readonly CliTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Issue(KeyType keyType, params string[] extra)
    {
        var (keyPath, _) = _files.KeyFile(keyType);
        var credential = _files.Write("mtr.json", MillTestReport);
        var result = CliRunner.Run(["issue", credential, "--key", keyPath, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(result.Error);
        return result.Output.TrimEnd('\n');
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", KeyType.Ed25519)]
    [InlineData("eddsa-jcs-2022", KeyType.Ed25519)]
    [InlineData("Ed25519Signature2020", KeyType.Ed25519)]
    [InlineData("ecdsa-rdfc-2019", KeyType.P256)]
    [InlineData("ecdsa-rdfc-2019", KeyType.P384)]
    [InlineData("ecdsa-jcs-2019", KeyType.P256)]
    [InlineData("ecdsa-jcs-2019", KeyType.P384)]
    public void Issue_with_a_data_integrity_suite_adds_id_issuer_validFrom_and_a_proof_that_verifies(string suite, KeyType keyType)
    {
        var issued = Issue(keyType, "--suite", suite);
        var key = _files.KeyFile(keyType).Key;

        var node = ParseObject(issued);
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", node["id"]!.GetValue<string>());
        Assert.Equal(DidOf(key), node["issuer"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(node["validFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        var proof = node["proof"]!;
        Assert.Equal(suite, proof["cryptosuite"]?.GetValue<string>() ?? proof["type"]!.GetValue<string>());
        Assert.Equal(DidOf(key) + "#" + key.PublicKey.ToMultibase(), proof["verificationMethod"]!.GetValue<string>());
        var verified = VerifyDataIntegrity(issued);
        Assert.True(verified.Verified, string.Join("; ", verified.Problems));

        var tampered = issued.Replace("H24-118734", "H24-999999", StringComparison.Ordinal);
        Assert.False(VerifyDataIntegrity(tampered).Verified);
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "eddsa-rdfc-2022")]
    [InlineData(KeyType.P256, "ecdsa-rdfc-2019")]
    [InlineData(KeyType.P384, "ecdsa-rdfc-2019")]
    public void Without_suite_the_key_type_chooses_the_rdfc_suite(KeyType keyType, string expected)
    {
        var issued = ParseObject(Issue(keyType));
        Assert.Equal(expected, issued["proof"]!["cryptosuite"]!.GetValue<string>());
    }

    [Fact]
    public void Issue_ecdsa_sd_2023_gives_a_base_proof_with_the_mandatory_pointers()
    {
        var issued = Issue(KeyType.P256, "--suite", "ecdsa-sd-2023", "--mandatory-pointer", "/issuer", "--mandatory-pointer", "/credentialSubject/heatNumber");
        var key = _files.KeyFile(KeyType.P256).Key;
        Assert.Null(EcdsaSd2023.VerifyBaseProof(Encoding.UTF8.GetBytes(issued), key.PublicKey));

        // A derived credential (what a verifier sees) reveals the mandatory claims and verifies.
        var derived = Encoding.UTF8.GetString(EcdsaSd2023.Derive(Encoding.UTF8.GetBytes(issued), []));
        Assert.Contains("H24-118734", derived, StringComparison.Ordinal);
        Assert.DoesNotContain("ASTM A572", derived, StringComparison.Ordinal);
        Assert.True(VerifyDataIntegrity(derived).Verified);
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "EdDSA")]
    [InlineData(KeyType.P256, "ES256")]
    [InlineData(KeyType.P384, "ES384")]
    [InlineData(KeyType.Secp256k1, "ES256K")]
    public async Task Issue_jwt_gives_a_vc_jwt_that_verifies(KeyType keyType, string alg)
    {
        var token = Issue(keyType, "--suite", "jwt");
        Assert.Equal(3, token.Split('.').Length);

        var result = await VcJose.VerifyCredentialAsync(token, Jose());
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.Equal(alg, result.Header!.Alg);
        Assert.Equal(DidOf(_files.KeyFile(keyType).Key), result.Payload!.Value.GetProperty("issuer").GetString());
        Assert.StartsWith("urn:uuid:", result.Payload!.Value.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecdsa-rdfc-2019", KeyType.Ed25519, "P-256 or P-384")]
    [InlineData("eddsa-rdfc-2022", KeyType.P256, "Ed25519")]
    [InlineData("eddsa-jcs-2022", KeyType.Secp256k1, "Ed25519")]
    [InlineData("ecdsa-sd-2023", KeyType.P384, "P-256")]
    [InlineData("Ed25519Signature2020", KeyType.P384, "Ed25519")]
    public void A_key_that_does_not_fit_the_suite_is_one_clear_error(string suite, KeyType keyType, string needed)
    {
        var (keyPath, _) = _files.KeyFile(keyType);
        var result = CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", keyPath, "--suite", suite);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("tradeproof: error: the suite " + suite + " signs with " + needed + " keys", line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_secp256k1_key_without_a_suite_is_told_to_use_jwt()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Secp256k1);
        var result = CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", keyPath);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--suite jwt", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    [InlineData("{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"Nope\"], \"credentialSubject\": {\"a\": 1}}")]
    [InlineData("{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"], \"credentialSubject\": {\"id\": \"urn:x\"}, \"proof\": {\"type\": \"DataIntegrityProof\"}}")]
    public void Bad_credential_input_is_exit_1_on_one_line(string content)
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        foreach (var suite in new[] { "eddsa-rdfc-2022", "jwt" })
        {
            var result = CliRunner.Run("issue", _files.Write("bad.json", content), "--key", keyPath, "--suite", suite);
            Assert.True(result.ExitCode == 1, suite + ": " + result.Error);
            Assert.StartsWith("tradeproof: error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
            Assert.Empty(result.Output);
        }
    }

    [Fact]
    public void An_undefined_term_fails_json_ld_signing_but_not_a_vc_jwt()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        var path = _files.Write("undefined.json", "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"], \"credentialSubject\": {\"undefinedTerm\": 1}}");
        var rdfc = CliRunner.Run("issue", path, "--key", keyPath);
        Assert.Equal(1, rdfc.ExitCode);
        Assert.Contains("undefinedTerm", Assert.Single(rdfc.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("issue", path, "--key", keyPath, "--suite", "jwt").ExitCode);
    }

    [Fact]
    public void Ed25519Signature2020_gets_its_suite_context_in_either_version()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        var noVocab = _files.Write("v2.json", "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"], \"credentialSubject\": {\"id\": \"urn:mtr:1\"}}");
        var result = CliRunner.Run("issue", noVocab, "--key", keyPath, "--suite", "Ed25519Signature2020");
        Assert.True(result.ExitCode == 0, result.Error);
        var contexts = ParseObject(result.Output)["@context"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://w3id.org/security/suites/ed25519-2020/v1"], contexts);
        Assert.True(VerifyDataIntegrity(result.Output.TrimEnd('\n')).Verified);
    }

    [Fact]
    public void Missing_or_broken_files_are_exit_1_and_a_missing_key_option_is_exit_2()
    {
        var credential = _files.Write("mtr.json", MillTestReport);
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        Assert.Equal(1, CliRunner.Run("issue", _files.PathOf("absent.json"), "--key", keyPath).ExitCode);
        Assert.Equal(1, CliRunner.Run("issue", credential, "--key", _files.PathOf("absent.key")).ExitCode);
        var brokenKey = CliRunner.Run("issue", credential, "--key", _files.Write("broken.key", "{\"publicKeyMultibase\": \"z6Mk\"}"));
        Assert.Equal(1, brokenKey.ExitCode);
        Assert.Single(brokenKey.ErrorLines);
        Assert.Equal(2, CliRunner.Run("issue", credential).ExitCode);
        Assert.Equal(2, CliRunner.Run("issue", credential, "--key", keyPath, "--suite", "rsa-2048").ExitCode);
    }

    [Fact]
    public void Issue_reads_standard_input_and_writes_the_out_file()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        var output = _files.PathOf("issued.json");
        var result = CliRunner.RunWithInput(MillTestReport, "issue", "-", "--key", keyPath, "--out", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.True(VerifyDataIntegrity(File.ReadAllText(output).TrimEnd('\n')).Verified);
        Assert.Single(Directory.GetFiles(_files.Folder, "*issued*"));
    }

    [Fact]
    public void A_credential_naming_another_issuer_is_refused()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        var other = ParseObject(MillTestReport);
        other["issuer"] = new JsonObject { ["id"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", ["name"] = "Someone else" };
        var result = CliRunner.Run("issue", _files.Write("other.json", other.ToJsonString()), "--key", keyPath);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the credential's issuer is did:key:z6MkhaXg", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_can_sign_for_a_did_web_issuer_or_a_given_verification_method()
    {
        var issued = ParseObject(Issue(KeyType.P256, "--did", "did:web:steel.example.com"));
        Assert.Equal("did:web:steel.example.com", issued["issuer"]!.GetValue<string>());
        Assert.Equal("did:web:steel.example.com#key-1", issued["proof"]!["verificationMethod"]!.GetValue<string>());

        issued = ParseObject(Issue(KeyType.P256, "--verification-method", "did:web:steel.example.com#qa-2025"));
        Assert.Equal("did:web:steel.example.com", issued["issuer"]!.GetValue<string>());
        Assert.Equal("did:web:steel.example.com#qa-2025", issued["proof"]!["verificationMethod"]!.GetValue<string>());

        var (keyPath, _) = _files.KeyFile(KeyType.P256);
        var foreign = CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", keyPath, "--did", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("is not the DID of the key file's key", foreign.Error, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("issue", _files.PathOf("mtr.json"), "--key", keyPath, "--verification-method", "not-a-did").ExitCode);
    }

    [Fact]
    public void Valid_until_is_set_and_a_time_without_zone_is_refused()
    {
        var issued = ParseObject(Issue(KeyType.Ed25519, "--valid-until", "2030-01-01T00:00:00Z"));
        Assert.Equal("2030-01-01T00:00:00Z", issued["validUntil"]!.GetValue<string>());
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        var result = CliRunner.Run("issue", _files.PathOf("mtr.json"), "--key", keyPath, "--valid-until", "2030-01-01T00:00:00");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--valid-until", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_1_1_credential_gets_issuanceDate_and_cannot_be_a_vc_jwt()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.Ed25519);
        var path = _files.Write("v1.json", MillTestReportV1);
        var result = CliRunner.Run("issue", path, "--key", keyPath, "--suite", "Ed25519Signature2020");
        Assert.True(result.ExitCode == 0, result.Error);
        var issued = ParseObject(result.Output);
        Assert.NotNull(issued["issuanceDate"]);
        Assert.Null(issued["validFrom"]);
        Assert.True(VerifyDataIntegrity(result.Output.TrimEnd('\n')).Verified);

        var jwt = CliRunner.Run("issue", path, "--key", keyPath, "--suite", "jwt");
        Assert.Equal(1, jwt.ExitCode);
        Assert.Contains("2.0", Assert.Single(jwt.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_of_another_mechanism_are_refused_not_ignored()
    {
        var (keyPath, _) = _files.KeyFile(KeyType.P256);
        var credential = _files.Write("mtr.json", MillTestReport);
        Assert.Contains("--mandatory-pointer is for", CliRunner.Run("issue", credential, "--key", keyPath, "--mandatory-pointer", "/issuer").Error, StringComparison.Ordinal);
        Assert.Contains("are for --suite sd-jwt", CliRunner.Run("issue", credential, "--key", keyPath, "--disclosable", "/a").Error, StringComparison.Ordinal);
        Assert.Contains("needs --status-list", CliRunner.Run("issue", credential, "--key", keyPath, "--status-purpose", "revocation").Error, StringComparison.Ordinal);
        var badPointer = CliRunner.Run("issue", credential, "--key", keyPath, "--suite", "ecdsa-sd-2023", "--mandatory-pointer", "no-slash");
        Assert.Equal(1, badPointer.ExitCode);
        Assert.Single(badPointer.ErrorLines);
    }

    [Fact]
    public void Issue_json_describes_what_was_added()
    {
        var described = ParseObject(Issue(KeyType.Ed25519, "--json"));
        Assert.StartsWith("urn:uuid:", described["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("eddsa-rdfc-2022", described["suite"]!.GetValue<string>());
        Assert.Empty(described["status"]!.AsArray());
        Assert.Equal(described["id"]!.GetValue<string>(), described["credential"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sd_jwt_issue_then_present_a_subset_with_key_binding()
    {
        var (issuerKey, _) = _files.KeyFile(KeyType.P256, "issuer");
        var (holderKey, holder) = _files.KeyFile(KeyType.Ed25519, "holder");
        var claims = _files.Write("claims.json", """
            {
              "heat_number": "H24-118734",
              "grade": "ASTM A572 Grade 50",
              "mill": { "name": "Great Lakes Steelworks", "country": "US" },
              "certifications": ["ISO 9001", "EN 10204 3.1"]
            }
            """);
        var issued = CliRunner.Run("issue", claims, "--key", issuerKey, "--suite", "sd-jwt", "--vct", "https://trade.example/mill-test-report",
            "--disclosable", "/grade", "--disclosable", "/mill", "--disclosable", "/mill/country", "--disclosable", "/certifications/1",
            "--holder-key", holderKey);
        Assert.True(issued.ExitCode == 0, issued.Error);
        var sdJwt = issued.Output.Trim();
        Assert.Equal(4, SdJwt.Disclosures(sdJwt).Count);

        // Disclosing the nested country brings the mill disclosure that contains it.
        var presented = CliRunner.Run("present", _files.Write("sd.txt", sdJwt), "--disclose", "/mill/country", "--key", holderKey, "--nonce", "n-1", "--audience", "https://customs.example");
        Assert.True(presented.ExitCode == 0, presented.Error);
        var options = new SdJwtVerificationOptions { Jose = Jose("n-1", "https://customs.example") };
        var result = await SdJwt.VerifyAsync(presented.Output.Trim(), options);
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        var payload = result.Payload!.Value;
        Assert.Equal("US", payload.GetProperty("mill").GetProperty("country").GetString());
        Assert.False(payload.TryGetProperty("grade", out _));
        Assert.Equal("H24-118734", payload.GetProperty("heat_number").GetString());
        Assert.Single(payload.GetProperty("certifications").EnumerateArray());
        Assert.Equal(holder.PublicKey.ToJwk().ToJson(), Jwk.FromJson(payload.GetProperty("cnf").GetProperty("jwk")).ToJson());

        // A claim by name; a claim that is not there is an error naming what is.
        var byName = CliRunner.Run("present", _files.PathOf("sd.txt"), "--disclose", "grade");
        Assert.True(byName.ExitCode == 0, byName.Error);
        var unbound = await SdJwt.VerifyAsync(byName.Output.Trim(), options with { RequireKeyBinding = false });
        Assert.True(unbound.Verified, string.Join("; ", unbound.Problems));
        Assert.Equal("ASTM A572 Grade 50", unbound.Payload!.Value.GetProperty("grade").GetString());
        var missing = CliRunner.Run("present", _files.PathOf("sd.txt"), "--disclose", "/price");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/certifications/1", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("present", _files.PathOf("sd.txt"), "--disclose", "grade", "--key", holderKey).ExitCode);
    }

    [Fact]
    public void Sd_jwt_needs_a_vct_and_its_disclosable_pointers_must_exist()
    {
        var (issuerKey, _) = _files.KeyFile(KeyType.Ed25519);
        var claims = _files.Write("claims.json", """{ "grade": "S355" }""");
        Assert.Contains("--vct", CliRunner.Run("issue", claims, "--key", issuerKey, "--suite", "sd-jwt").Error, StringComparison.Ordinal);
        var missing = CliRunner.Run("issue", claims, "--key", issuerKey, "--suite", "sd-jwt", "--vct", "urn:t", "--disclosable", "/nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/nope", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    public void Present_signs_a_presentation_for_authentication_with_challenge_and_domain(KeyType holderType)
    {
        var issued = _files.Write("issued.json", Issue(KeyType.P384));
        var (holderKey, holder) = _files.KeyFile(holderType, "holder");
        var result = CliRunner.Run("present", issued, "--key", holderKey, "--challenge", "c-123", "--domain", "https://customs.example");
        Assert.True(result.ExitCode == 0, result.Error);
        var vp = result.Output.TrimEnd('\n');
        var node = ParseObject(vp);
        Assert.Equal(DidOf(holder), node["holder"]!.GetValue<string>());
        Assert.Equal("authentication", node["proof"]!["proofPurpose"]!.GetValue<string>());

        var verified = VerifyDataIntegrity(vp, Verification(ProofPurposes.Authentication, "c-123", "https://customs.example"));
        Assert.True(verified.Verified, string.Join("; ", verified.Problems));
        Assert.False(VerifyDataIntegrity(vp, Verification(ProofPurposes.Authentication, "c-999", "https://customs.example")).Verified);
        Assert.False(VerifyDataIntegrity(vp, Verification(ProofPurposes.AssertionMethod, "c-123", "https://customs.example")).Verified);

        // The embedded credential is untouched: it still verifies on its own.
        var embedded = node["verifiableCredential"]![0]!.ToJsonString();
        Assert.True(VerifyDataIntegrity(embedded).Verified);
    }

    [Fact]
    public async Task Present_as_jwt_envelopes_vc_jwts_and_binds_nonce_and_audience()
    {
        var vcJwt = _files.Write("vc.jwt", Issue(KeyType.P256, "--suite", "jwt"));
        var (holderKey, holder) = _files.KeyFile(KeyType.Ed25519, "holder");
        var result = CliRunner.Run("present", vcJwt, "--key", holderKey, "--format", "jwt", "--challenge", "n-7", "--domain", "https://customs.example");
        Assert.True(result.ExitCode == 0, result.Error);

        var verified = await VcJose.VerifyPresentationAsync(result.Output.Trim(), Jose("n-7", "https://customs.example"));
        Assert.True(verified.Verified, string.Join("; ", verified.Problems));
        Assert.Equal(DidOf(holder), verified.Controller);
        Assert.Single(verified.Credentials);
        Assert.True((await VcJose.VerifyPresentationAsync(result.Output.Trim(), Jose("n-8", "https://customs.example"))).Problems.Count > 0);
    }

    [Fact]
    public void Present_refuses_what_it_cannot_present()
    {
        var (holderKey, _) = _files.KeyFile(KeyType.Ed25519, "holder");
        var unsigned = _files.Write("unsigned.json", MillTestReport);
        var noProof = CliRunner.Run("present", unsigned, "--key", holderKey);
        Assert.Equal(1, noProof.ExitCode);
        Assert.Contains("no proof", Assert.Single(noProof.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("present", _files.Write("junk.txt", "hello"), "--key", holderKey).ExitCode);
        Assert.Equal(1, CliRunner.Run("present", _files.Write("issued.json", Issue(KeyType.Ed25519))).ExitCode);
        Assert.Equal(2, CliRunner.Run("present", "--key", holderKey).ExitCode);

        var k1 = CliRunner.Run("present", _files.PathOf("issued.json"), "--key", _files.KeyFile(KeyType.Secp256k1, "k1").Path);
        Assert.Equal(1, k1.ExitCode);
        Assert.Contains("--format jwt", Assert.Single(k1.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("present", _files.PathOf("issued.json"), "--key", _files.KeyFile(KeyType.Secp256k1, "k1").Path, "--format", "jwt").ExitCode);
    }

    [Fact]
    public void Derive_reveals_only_what_was_asked_and_the_result_verifies()
    {
        var issued = _files.Write("base.json", Issue(KeyType.P256, "--suite", "ecdsa-sd-2023", "--mandatory-pointer", "/issuer"));
        var result = CliRunner.Run("derive", issued, "--reveal", "/credentialSubject/heatNumber", "--reveal", "/validFrom");
        Assert.True(result.ExitCode == 0, result.Error);
        var derived = result.Output.TrimEnd('\n');
        var subject = ParseObject(derived)["credentialSubject"]!.AsObject();
        Assert.Equal("H24-118734", subject["heatNumber"]!.GetValue<string>());
        Assert.Null(subject["grade"]);
        Assert.Null(subject["countryOfMelt"]);
        Assert.Null(subject["yieldStrengthMPa"]);
        Assert.NotNull(ParseObject(derived)["issuer"]);
        var verified = VerifyDataIntegrity(derived);
        Assert.True(verified.Verified, string.Join("; ", verified.Problems));

        var output = _files.PathOf("derived.json");
        Assert.Equal(0, CliRunner.Run("derive", issued, "--reveal", "/credentialSubject/grade", "--out", output).ExitCode);
        Assert.Contains("ASTM A572", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.DoesNotContain("H24-118734", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_refuses_a_credential_without_a_base_proof_or_a_pointer_to_nothing()
    {
        var plain = _files.Write("plain.json", Issue(KeyType.P256));
        var noBase = CliRunner.Run("derive", plain, "--reveal", "/credentialSubject/heatNumber");
        Assert.Equal(1, noBase.ExitCode);
        Assert.Single(noBase.ErrorLines);
        var sd = _files.Write("base.json", Issue(KeyType.P256, "--suite", "ecdsa-sd-2023"));
        var nothing = CliRunner.Run("derive", sd, "--reveal", "/credentialSubject/price");
        Assert.Equal(1, nothing.ExitCode);
        Assert.Single(nothing.ErrorLines);
        Assert.Equal(2, CliRunner.Run("derive", sd).ExitCode);
    }
}
