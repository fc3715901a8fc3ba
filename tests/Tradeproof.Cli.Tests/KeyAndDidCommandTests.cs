using System.Text.Json;

namespace Tradeproof.Cli.Tests;

public sealed class KeyAndDidCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tradeproof-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Theory]
    [InlineData("ed25519", "z6Mk")]
    [InlineData("p256", "zDn")]
    [InlineData("p384", "z82")]
    [InlineData("secp256k1", "zQ3s")]
    public void Key_generate_writes_an_owner_only_key_file_and_prints_the_public_key(string type, string multibasePrefix)
    {
        var keyFile = PathOf(type + ".json");
        var result = CliRunner.Run("key", "generate", "--type", type, "--out", keyFile);
        Assert.Equal(0, result.ExitCode);
        using var printed = JsonDocument.Parse(result.Output);
        var publicKey = printed.RootElement.GetProperty("publicKeyMultibase").GetString()!;
        Assert.StartsWith(multibasePrefix, publicKey, StringComparison.Ordinal);
        Assert.Equal("did:key:" + publicKey, printed.RootElement.GetProperty("didKey").GetString());
        Assert.DoesNotContain("secret", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"d\"", result.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var shown = CliRunner.Run("key", "show", keyFile);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(result.Output, shown.Output);
    }

    [Fact]
    public void Key_generate_never_overwrites_a_key_file()
    {
        var keyFile = PathOf("key.json");
        File.WriteAllText(keyFile, "precious");
        var result = CliRunner.Run("key", "generate", "--out", keyFile);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("precious", File.ReadAllText(keyFile));
    }

    [Fact]
    public void Did_create_key_and_resolve_agree()
    {
        var keyFile = PathOf("key.json");
        Assert.Equal(0, CliRunner.Run("key", "generate", "--out", keyFile).ExitCode);
        var created = CliRunner.Run("did", "create", "key", keyFile);
        Assert.Equal(0, created.ExitCode);
        using var document = JsonDocument.Parse(created.Output);
        var did = document.RootElement.GetProperty("id").GetString()!;
        Assert.StartsWith("did:key:z6Mk", did, StringComparison.Ordinal);

        var resolved = CliRunner.Run("did", "resolve", did);
        Assert.Equal(0, resolved.ExitCode);
        using var result = JsonDocument.Parse(resolved.Output);
        Assert.Equal(did, result.RootElement.GetProperty("didDocument").GetProperty("id").GetString());
    }

    [Fact]
    public void Did_create_jwk_makes_a_did_jwk()
    {
        var keyFile = PathOf("key.json");
        Assert.Equal(0, CliRunner.Run("key", "generate", "--type", "p256", "--out", keyFile).ExitCode);
        var created = CliRunner.Run("did", "create", "jwk", keyFile);
        Assert.Equal(0, created.ExitCode);
        using var document = JsonDocument.Parse(created.Output);
        Assert.StartsWith("did:jwk:", document.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Did_create_web_writes_the_did_json_and_says_where_to_publish_it()
    {
        var keyFile = PathOf("key.json");
        var didJson = PathOf("did.json");
        Assert.Equal(0, CliRunner.Run("key", "generate", "--out", keyFile).ExitCode);
        var result = CliRunner.Run("did", "create", "web", "trade.example.com", "--key", keyFile, "--path", "organizations", "--path", "acme", "--out", didJson);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "did:web:trade.example.com:organizations:acme\nhttps://trade.example.com/organizations/acme/did.json\n",
            result.Output);
        using var document = JsonDocument.Parse(File.ReadAllText(didJson));
        Assert.Equal("did:web:trade.example.com:organizations:acme", document.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("verificationMethod").GetArrayLength());
    }

    [Theory]
    [InlineData("did:web:127.0.0.1", "invalidDid")]
    [InlineData("not-a-did", "invalidDid")]
    [InlineData("did:example:123", "methodNotSupported")]
    public void Did_resolve_reports_the_resolution_error_code(string did, string code)
    {
        var result = CliRunner.Run("did", "resolve", did);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(code, json.RootElement.GetProperty("didResolutionMetadata").GetProperty("error").GetString());
        Assert.StartsWith("tradeproof: error: " + code, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
