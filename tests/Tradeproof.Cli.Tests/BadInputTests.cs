using System.Text.Json;
using Tradeproof.Testing;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// Bad input of each kind (a missing file, a wrong format, an unreachable node, a port in use): one line on standard
/// error saying what and what to do, a non-zero exit, no stack trace unless --verbose; with --json also an error object.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tradeproof-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertOneLine(CliResult result, int exitCode, string expected)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("tradeproof: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        var missing = Path.Combine(_dir, "nowhere.json");
        AssertOneLine(CliRunner.Run("verify", missing), 1, "file not found: " + missing);
        AssertOneLine(CliRunner.Run("issue", "-", "--key", missing), 1, missing);
        AssertOneLine(CliRunner.Run("serve", "--config", missing), 1, missing);
    }

    [Fact]
    public void A_wrong_format_says_where()
    {
        var text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "hello, not a key");
        AssertOneLine(CliRunner.Run("key", "show", text), 1, "");
        AssertOneLine(CliRunner.RunWithInput("{\"a\": ", "jcs"), 1, "");
        var config = Path.Combine(_dir, "node.json");
        File.WriteAllText(config, "{ not json");
        AssertOneLine(CliRunner.Run("tenant", "add", "acme", "--config", config), 1, "not valid JSON");
    }

    [Fact]
    public void An_unreachable_node_exits_69_and_says_to_start_it()
    {
        var result = CliRunner.Run("log", "verify", "--node", $"http://127.0.0.1:{FreePort.Loopback()}");
        AssertOneLine(result, 69, "cannot reach");
        Assert.Contains("nothing listens there", result.Error, StringComparison.Ordinal);
        Assert.Contains("'tradeproof serve'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_verb_family_that_talks_to_a_node_exits_69_when_it_is_unreachable()
    {
        var node = $"http://127.0.0.1:{FreePort.Loopback()}";
        var twin = CliRunner.Run("twin", "show", "lot-1", "--node", node, "--tenant", "acme", "--token", "t");
        AssertOneLine(twin, 69, "cannot reach");
        var registry = CliRunner.Run("registry", "show", "--node", node, "--tenant", "cbp", "--token", "t");
        AssertOneLine(registry, 69, "cannot reach");
        var registryEdit = CliRunner.Run("registry", "allow", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--type", "*", "--node", node, "--tenant", "cbp", "--client", "c", "--client-secret", "s");
        AssertOneLine(registryEdit, 69, "cannot reach");
        var log = CliRunner.Run("log", "verify", "--node", node, "--json");
        Assert.Equal(69, log.ExitCode);
        using var error = JsonDocument.Parse(log.Output);
        Assert.Equal(69, error.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void A_port_in_use_exits_69_and_says_to_choose_another()
    {
        using var busy = FreePort.Occupied(out var port);
        var result = CliRunner.Run("serve", "--data", Path.Combine(_dir, "node"), "--urls", $"http://127.0.0.1:{port}");
        AssertOneLine(result, 69, $"http://127.0.0.1:{port}: port {port} is in use: another program listens on that port; stop it or give --urls with a free port");

        // As a process: the host's own logging must not print Kestrel's stack trace either (the port is refused before the host starts).
        var process = CliRunner.RunProcess(null, "serve", "--data", Path.Combine(_dir, "node"), "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(69, process.ExitCode);
        Assert.Single(process.ErrorLines);
        Assert.DoesNotContain(" at ", process.Output + process.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var missing = Path.Combine(_dir, "nowhere.json");
        var result = CliRunner.Run("--verbose", "key", "show", missing);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("tradeproof: error: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);

        var after = CliRunner.Run("key", "show", missing, "--verbose");
        Assert.Contains("   at ", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_json_an_error_is_also_a_json_object_on_standard_output()
    {
        var result = CliRunner.Run("verify", Path.Combine(_dir, "nowhere.json"), "--json");
        Assert.Equal(1, result.ExitCode);
        using var error = JsonDocument.Parse(result.Output);
        Assert.Equal("error", error.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(1, error.RootElement.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("file not found", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        var withoutJson = CliRunner.Run("verify", Path.Combine(_dir, "nowhere.json"));
        Assert.Equal(string.Empty, withoutJson.Output);
    }
}
