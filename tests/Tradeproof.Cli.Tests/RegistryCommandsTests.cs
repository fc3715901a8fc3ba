using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tradeproof.Cryptography;
using Tradeproof.Customs.Registry;
using Tradeproof.Dids;
using Tradeproof.Node;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// <c>tradeproof registry</c> against a node on a loopback port (in process): show, allow, deny, mra add/remove,
/// export, import, older versions, refusals (a read-only token, an arrangement that is not there); and offline
/// <c>sign</c>/<c>verify</c> of a registry file with a did:key authority (a tampered one fails).
/// <c>tradeproof log verify</c> against the same node (signature, inclusion, consistency with a saved checkpoint).
/// </summary>
public sealed class RegistryCommandsTests
{
    private const string Mill = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    private const string Forger = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH";
    private const string Anam = "did:web:anam.example";

    [Fact]
    public async Task Registry_verbs_edit_the_nodes_signed_registry_and_sign_and_verify_work_offline()
    {
        var (app, url, data) = await StartNodeAsync();
        try
        {
            var services = app.Services.GetRequiredService<NodeServices>();
            var admin = new NodeAdministration(services.Store, services.Identity, services.Random);
            await admin.AddTenantAsync("cbp", null, publicVerification: false);
            var manager = await admin.AddClientAsync("cbp", [Scopes.ManageCustoms, Scopes.ReadCustoms]);
            var reader = await admin.AddClientAsync("cbp", [Scopes.ReadCustoms]);
            string[] Node(params string[] args) => [.. args, "--node", url, "--tenant", "cbp", "--client", manager.ClientId, "--client-secret", manager.ClientSecret];

            var allowed = CliRunner.Run(Node("registry", "allow", Mill, "--type", "MillTestReportCredential", "--country", "MX", "--role", "producer", "--note", "ISO 17025 lab"));
            Assert.True(allowed.ExitCode == 0, allowed.Error);
            Assert.Contains("version 1", allowed.Output, StringComparison.Ordinal);
            Assert.Contains($"allow {Mill}  MillTestReportCredential  countries MX  roles producer  (ISO 17025 lab)", allowed.Output, StringComparison.Ordinal);
            Assert.Contains("signed by the node", allowed.Output, StringComparison.Ordinal);

            var denied = CliRunner.Run(Node("registry", "deny", Forger, "--note", "forged mill certificates"));
            Assert.True(denied.ExitCode == 0, denied.Error);
            Assert.Contains($"deny  {Forger}  *", denied.Output, StringComparison.Ordinal);

            var mra = CliRunner.Run(Node("registry", "mra", "add", Anam, "--country", "MX", "--programme", "OEA Mexico"));
            Assert.True(mra.ExitCode == 0, mra.Error);
            Assert.Contains($"mra   {Anam}  MX  OEA Mexico recognised as CTPAT", mra.Output, StringComparison.Ordinal);

            var shown = CliRunner.Run("registry", "show", "--json", "--node", url, "--tenant", "cbp", "--client", reader.ClientId, "--client-secret", reader.ClientSecret);
            Assert.True(shown.ExitCode == 0, shown.Error);
            using (var document = JsonDocument.Parse(shown.Output))
            {
                Assert.Equal(3, document.RootElement.GetProperty("version").GetInt64());
                Assert.Equal(services.Identity.TenantDid("cbp"), document.RootElement.GetProperty("proof").GetProperty("verificationMethod").GetString()!.Split('#')[0]);
            }

            var exported = Path.Combine(data, "registry.json");
            Assert.Equal(0, CliRunner.Run(Node("registry", "export", "--out", exported)).ExitCode);
            Assert.Equal(3, TrustRegistry.Parse(File.ReadAllBytes(exported)).Version);

            var removed = CliRunner.Run(Node("registry", "mra", "remove", Anam));
            Assert.True(removed.ExitCode == 0, removed.Error);
            Assert.Contains("version 4", removed.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("mra ", removed.Output, StringComparison.Ordinal);
            var again = CliRunner.Run(Node("registry", "mra", "remove", Anam));
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("422", again.Error, StringComparison.Ordinal);

            // Import puts the exported content back as the next version; older versions stay readable.
            var imported = CliRunner.Run(Node("registry", "import", exported));
            Assert.True(imported.ExitCode == 0, imported.Error);
            Assert.Contains("version 5", imported.Output, StringComparison.Ordinal);
            Assert.Contains("mra   " + Anam, imported.Output, StringComparison.Ordinal);
            var second = CliRunner.Run(Node("registry", "show", "--version", "2"));
            Assert.Contains("version 2", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("mra ", second.Output, StringComparison.Ordinal);

            // A read-only client cannot edit; a registry that is not one is refused before anything is sent.
            var readOnly = CliRunner.Run("registry", "deny", Mill, "--node", url, "--tenant", "cbp", "--client", reader.ClientId, "--client-secret", reader.ClientSecret);
            Assert.Equal(1, readOnly.ExitCode);
            File.WriteAllText(Path.Combine(data, "bad.json"), """{ "type": "TradeproofTrustRegistry", "entries": 1 }""");
            Assert.Equal(1, CliRunner.Run(Node("registry", "import", Path.Combine(data, "bad.json"))).ExitCode);
            Assert.Contains("version 5", CliRunner.Run(Node("registry", "show")).Output, StringComparison.Ordinal);

            // Offline: sign a registry file as its did:key authority and verify it; a changed entry fails.
            var keyFile = Path.Combine(data, "authority.json");
            Assert.Equal(0, CliRunner.Run("key", "generate", "--type", "ed25519", "--out", keyFile).ExitCode);
            using var key = KeyFile.Read(File.ReadAllText(keyFile));
            var authority = DidKey.Create(key.PublicKey).ToString();
            var now = new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero);
            var unsigned = Path.Combine(data, "unsigned.json");
            File.WriteAllBytes(unsigned, TrustRegistry.Empty(authority, now).Allow(Mill, ["MillTestReportCredential"], now).ToJson());
            var signedFile = Path.Combine(data, "signed.json");
            var signed = CliRunner.Run("registry", "sign", unsigned, "--key", keyFile, "--out", signedFile);
            Assert.True(signed.ExitCode == 0, signed.Error);
            var verified = CliRunner.Run("registry", "verify", signedFile);
            Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
            Assert.Contains("proof verified", verified.Output, StringComparison.Ordinal);
            var tampered = Path.Combine(data, "tampered.json");
            File.WriteAllText(tampered, File.ReadAllText(signedFile).Replace("MillTestReportCredential", "BillOfLadingCredential", StringComparison.Ordinal));
            var refused = CliRunner.Run("registry", "verify", tampered, "--json");
            Assert.Equal(1, refused.ExitCode);
            Assert.False(JsonDocument.Parse(refused.Output).RootElement.GetProperty("verified").GetBoolean());
            var otherKey = Path.Combine(data, "other.json");
            Assert.Equal(0, CliRunner.Run("key", "generate", "--type", "ed25519", "--out", otherKey).ExitCode);
            Assert.Equal(1, CliRunner.Run("registry", "sign", unsigned, "--key", otherKey).ExitCode);
        }
        finally
        {
            await StopAsync(app, data);
        }
    }

    [Fact]
    public async Task Log_verify_checks_the_signature_inclusion_and_consistency_and_fails_on_a_leaf_outside_the_checkpoint()
    {
        var (app, url, data) = await StartNodeAsync();
        try
        {
            var services = app.Services.GetRequiredService<NodeServices>();
            var time = new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 5; i++)
            {
                await services.Store.Log.AppendAsync([Transparency.LogEntry.Of(Transparency.LogEntryKind.Credential, "acme", "urn:cli:verify:" + i, Encoding.UTF8.GetBytes("credential " + i), time.AddSeconds(i))]);
            }

            var saved = Path.Combine(data, "checkpoint.txt");
            var first = CliRunner.Run("log", "verify", "--node", url, "--index", "0", "4", "--save", saved);
            Assert.True(first.ExitCode == 0, first.Output + first.Error);
            Assert.Contains("size 5", first.Output, StringComparison.Ordinal);
            Assert.Contains("signature verified", first.Output, StringComparison.Ordinal);
            Assert.Contains("leaf 4 (credential", first.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(saved));

            for (var i = 5; i < 9; i++)
            {
                await services.Store.Log.AppendAsync([Transparency.LogEntry.Of(Transparency.LogEntryKind.Credential, "acme", "urn:cli:verify:" + i, Encoding.UTF8.GetBytes("credential " + i), time.AddSeconds(i))]);
            }

            var admin = new NodeAdministration(services.Store, services.Identity, services.Random);
            await admin.AddTenantAsync("ops", null, publicVerification: false);
            var ops = await admin.AddClientAsync("ops", [Scopes.OperateLog]);
            using (var http = new HttpClient { BaseAddress = new Uri(url) })
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = ops.ClientId, ["client_secret"] = ops.ClientSecret });
                using var tokenResponse = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), form);
                using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
                using var sign = new HttpRequestMessage(HttpMethod.Post, new Uri("/log/checkpoint", UriKind.Relative));
                sign.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
                using var signed = await http.SendAsync(sign);
                Assert.Equal(System.Net.HttpStatusCode.Created, signed.StatusCode);
            }

            var second = CliRunner.Run("log", "verify", "--node", url, "--previous", saved, "--index", "7");
            Assert.True(second.ExitCode == 0, second.Output + second.Error);
            Assert.Contains("size 9", second.Output, StringComparison.Ordinal);
            Assert.Contains("(size 5): yes", second.Output, StringComparison.Ordinal);

            var outside = CliRunner.Run("log", "verify", "--node", url, "--index", "9");
            Assert.Equal(1, outside.ExitCode);
            Assert.Contains("NOT in the checkpoint", outside.Output, StringComparison.Ordinal);
            var outsideJson = CliRunner.Run("log", "verify", "--node", url, "--index", "7", "9", "--previous", saved, "--json");
            Assert.Equal(1, outsideJson.ExitCode);
            using (var report = JsonDocument.Parse(outsideJson.Output))
            {
                var root = report.RootElement;
                Assert.Equal("failed", root.GetProperty("outcome").GetString());
                Assert.Equal(9, root.GetProperty("checkpoint").GetProperty("size").GetInt64());
                Assert.Equal(2, root.GetProperty("checkedLeaves").GetInt32());
                Assert.True(root.GetProperty("leaves")[0].GetProperty("included").GetBoolean());
                Assert.False(root.GetProperty("leaves")[1].GetProperty("included").GetBoolean());
                Assert.True(root.GetProperty("consistency").GetProperty("consistent").GetBoolean());
                Assert.Equal(9, root.GetProperty("firstMismatch").GetProperty("index").GetInt64());
                Assert.Contains("not in the checkpoint", root.GetProperty("firstMismatch").GetProperty("reason").GetString(), StringComparison.Ordinal);
            }

            var goodJson = CliRunner.Run("log", "verify", "--node", url, "--index", "0", "--json");
            Assert.Equal(0, goodJson.ExitCode);
            using (var report = JsonDocument.Parse(goodJson.Output))
            {
                Assert.Equal("verified", report.RootElement.GetProperty("outcome").GetString());
                Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("firstMismatch").ValueKind);
            }
            Assert.Equal(1, CliRunner.Run("log", "verify", "--node", "http://node.example.com").ExitCode);
        }
        finally
        {
            await StopAsync(app, data);
        }
    }

    internal static async Task<(WebApplication App, string Url, string Data)> StartNodeAsync()
    {
        var data = Directory.CreateTempSubdirectory("tradeproof-cli-node-").FullName;
        var app = await TradeproofNode.BuildAsync(new NodeOptions { DataDirectory = data, LogCheckpointInterval = TimeSpan.Zero }, "http://127.0.0.1:0");
        await app.StartAsync();
        return (app, app.Urls.First(), data);
    }

    internal static async Task StopAsync(WebApplication app, string data)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
