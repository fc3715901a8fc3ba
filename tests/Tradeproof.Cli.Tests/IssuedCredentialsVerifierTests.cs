using Tradeproof.Credentials.StatusLists;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// What <c>issue</c>, <c>present</c> and <c>status publish</c> write passes the whole verifier pipeline
/// (<see cref="CredentialVerifier"/>: data model, proof, issuer binding, challenge and domain, status), not only
/// the signature checks of the lower-level tests.
/// </summary>
public sealed class IssuedCredentialsVerifierTests : IDisposable
{
    private const string Challenge = "3f9a-7d21";
    private const string Domain = "https://customs.example.gov";
    private readonly CliTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Run(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.True(result.ExitCode == 0, $"tradeproof {string.Join(' ', args)}: {result.Error}");
        return result.Output.Trim();
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", KeyType.Ed25519)]
    [InlineData("eddsa-jcs-2022", KeyType.Ed25519)]
    [InlineData("Ed25519Signature2020", KeyType.Ed25519)]
    [InlineData("ecdsa-rdfc-2019", KeyType.P384)]
    [InlineData("ecdsa-jcs-2019", KeyType.P256)]
    [InlineData("jwt", KeyType.Secp256k1)]
    public async Task An_issued_credential_is_valid_for_the_verifier(string suite, KeyType keyType)
    {
        var issued = Run("issue", _files.Write("mtr.json", CliTestFiles.MillTestReport), "--key", _files.KeyFile(keyType).Path, "--suite", suite);
        var result = await new CredentialVerifier().VerifyAsync(issued);
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.Equal(CliTestFiles.DidOf(_files.KeyFile(keyType).Key), result.Party);
    }

    [Theory]
    [InlineData("di")]
    [InlineData("jwt")]
    public async Task A_presentation_is_valid_with_its_challenge_and_domain_only(string format)
    {
        var suite = format == "jwt" ? "jwt" : "eddsa-rdfc-2022";
        var credential = _files.Write("vc.txt", Run("issue", _files.Write("mtr.json", CliTestFiles.MillTestReport), "--key", _files.KeyFile(KeyType.Ed25519, "mill").Path, "--suite", suite));
        var vp = Run("present", credential, "--key", _files.KeyFile(KeyType.P256, "importer").Path, "--format", format, "--challenge", Challenge, "--domain", Domain);

        var verifier = new CredentialVerifier();
        var valid = await verifier.VerifyAsync(vp, new VerificationRequest { Challenge = Challenge, Domain = Domain });
        Assert.True(valid.Verified, string.Join("; ", valid.Problems));
        Assert.Single(valid.Credentials);
        Assert.False((await verifier.VerifyAsync(vp, new VerificationRequest { Challenge = "other", Domain = Domain })).Verified);
    }

    [Fact]
    public async Task A_revoked_credential_is_invalid_for_the_verifier()
    {
        var key = _files.KeyFile(KeyType.Ed25519).Path;
        var state = _files.PathOf("r.state");
        Run("status", "create", "--key", key, "--url", "https://status.steel.example.com/r/1", "--out", state);
        var issued = Run("issue", _files.Write("mtr.json", CliTestFiles.MillTestReport), "--key", key, "--status-list", state);
        var provider = new PublishedLists();
        var verifier = new CredentialVerifier(new VerifierOptions { StatusListProvider = provider });

        provider.List = Publish(state, key, "r.json");
        var valid = await verifier.VerifyAsync(issued);
        Assert.True(valid.Verified, string.Join("; ", valid.Problems));

        using var issuedJson = System.Text.Json.JsonDocument.Parse(issued);
        var index = issuedJson.RootElement.GetProperty("credentialStatus").GetProperty("statusListIndex").GetString()!;
        Run("status", "set", state, index, "--value", "1");
        provider.List = Publish(state, key, "r2.json");
        var revoked = await new CredentialVerifier(new VerifierOptions { StatusListProvider = provider }).VerifyAsync(issued);
        Assert.Equal(VerificationOutcome.Invalid, revoked.Outcome);
    }

    [Fact]
    public async Task An_sd_jwt_presentation_with_key_binding_is_valid_for_the_verifier()
    {
        var holder = _files.KeyFile(KeyType.Ed25519, "holder").Path;
        var sdJwt = Run("issue", _files.Write("claims.json", """{"heat_number": "H24-118734", "grade": "S355"}"""), "--key", _files.KeyFile(KeyType.P256, "mill").Path,
            "--suite", "sd-jwt", "--vct", "https://trade.example/mill-test-report", "--disclosable", "/grade", "--holder-key", holder);
        var presented = Run("present", _files.Write("sd.txt", sdJwt), "--disclose", "grade", "--key", holder, "--nonce", Challenge, "--audience", Domain);
        var result = await new CredentialVerifier().VerifyAsync(presented, new VerificationRequest { Challenge = Challenge, Domain = Domain });
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.Equal("S355", result.Claims!.Value.GetProperty("grade").GetString());
    }

    private byte[] Publish(string state, string key, string name)
    {
        Run("status", "publish", state, "--key", key, "--out", _files.PathOf(name));
        return File.ReadAllBytes(_files.PathOf(name));
    }

    private sealed class PublishedLists : IStatusListProvider
    {
        public byte[] List { get; set; } = [];

        public ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>>(List);
    }
}
