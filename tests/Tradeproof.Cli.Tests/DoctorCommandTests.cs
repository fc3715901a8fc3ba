using System.Text.Json;
using Tradeproof.Testing;

namespace Tradeproof.Cli.Tests;

/// <summary>tradeproof doctor: each check's ok/warn/fail on a fresh folder, an existing store, bad configuration, a busy port, an unreachable PostgreSQL.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tradeproof-doctor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    private static string StatusOf(JsonElement summary, string name) =>
        summary.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString() == name).GetProperty("status").GetString()!;

    [Fact]
    public void A_fresh_data_folder_passes_with_warnings_and_changes_nothing()
    {
        var data = Path.Combine(_dir, "node");
        var result = CliRunner.Run("doctor", "--data", data, "--urls", $"http://127.0.0.1:{FreePort.Loopback()}", "--json");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var summary = Json(result);
        Assert.Equal("warn", summary.GetProperty("outcome").GetString());
        Assert.Equal("ok", StatusOf(summary, "config"));
        Assert.Equal("warn", StatusOf(summary, "data"));
        Assert.Equal("warn", StatusOf(summary, "store"));
        Assert.Equal("ok", StatusOf(summary, "ports"));
        Assert.Equal("ok", StatusOf(summary, "public-url"));
        Assert.Equal("ok", StatusOf(summary, "certificate"));
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void An_existing_store_reports_its_migrations_and_node_keys()
    {
        var data = Path.Combine(_dir, "node");
        var tenant = CliRunner.Run("tenant", "add", "acme", "--data", data, "--json");
        Assert.Equal(0, tenant.ExitCode);
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", Json(tenant).GetProperty("did").GetString());
        var result = CliRunner.Run("doctor", "--data", data, "--urls", $"http://127.0.0.1:{FreePort.Loopback()}");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ok    store +.*schema at migration (\d+) of \1$", lines.Single(l => l.Contains(" store ", StringComparison.Ordinal)));
        Assert.Matches(@"^ok    node-keys +\d+ node keys; 1 organisations", lines.Single(l => l.Contains(" node-keys ", StringComparison.Ordinal)));
        Assert.StartsWith("ok    operator-key", lines.Single(l => l.Contains(" operator-key ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_in_use_fails_with_exit_1_and_says_what_to_do()
    {
        using var busy = FreePort.Occupied(out var port);
        var result = CliRunner.Run("doctor", "--data", Path.Combine(_dir, "node"), "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"fail  ports         http://127.0.0.1:{port}: port {port} is in use", result.Output, StringComparison.Ordinal);
        Assert.Contains("choose --urls", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_configuration_file_fails_the_config_check()
    {
        var config = Path.Combine(_dir, "node.json");
        File.WriteAllText(config, """{ "Node": { "PublicUrl": "ftp://example.com/x" } }""");
        var result = CliRunner.Run("doctor", "--config", config, "--json");
        Assert.Equal(1, result.ExitCode);
        var summary = Json(result);
        Assert.Equal("fail", summary.GetProperty("outcome").GetString());
        Assert.Equal("fail", StatusOf(summary, "config"));
        Assert.Contains("Node:PublicUrl", summary.GetProperty("checks")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_as_data_folder_and_an_unreachable_postgres_fail()
    {
        var file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");
        var data = CliRunner.Run("doctor", "--data", file, "--urls", $"http://127.0.0.1:{FreePort.Loopback()}", "--json");
        Assert.Equal(1, data.ExitCode);
        Assert.Equal("fail", StatusOf(Json(data), "data"));

        var config = Path.Combine(_dir, "pg.json");
        File.WriteAllText(config, """{ "Node": { "OperatorKey": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" } }""");
        var postgres = CliRunner.Run("doctor", "--config", config, "--postgres", $"Host=127.0.0.1;Port={FreePort.Loopback()};Username=x;Password=y;Database=z", "--urls", $"http://127.0.0.1:{FreePort.Loopback()}", "--json");
        Assert.Equal(1, postgres.ExitCode);
        var summary = Json(postgres);
        Assert.Equal("ok", StatusOf(summary, "operator-key"));
        Assert.Equal("fail", StatusOf(summary, "postgres"));
    }

    [Fact]
    public void Public_url_on_loopback_while_listening_for_others_is_a_warning()
    {
        var result = CliRunner.Run("doctor", "--data", Path.Combine(_dir, "node"), "--urls", $"https://0.0.0.0:{FreePort.Loopback()}", "--json");
        Assert.Equal(0, result.ExitCode);
        var summary = Json(result);
        Assert.Equal("warn", StatusOf(summary, "public-url"));
        Assert.Equal("warn", StatusOf(summary, "certificate"));
    }
}
