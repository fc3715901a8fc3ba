using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tradeproof.Node.Tests;

/// <summary>
/// <c>tradeproof twin show ID --node URL --tenant T --client ID</c> (a real CLI process) against a node listening on a
/// loopback port, after the steel chain was submitted as presentations.
/// </summary>
public sealed class TwinShowFromNodeTests
{

    [Fact]
    public async Task Twin_show_reads_the_twin_the_node_recorded_and_refuses_a_wrong_tenant_or_secret()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tradeproof-twin-node-" + Guid.NewGuid().ToString("N"));
        var app = await TradeproofNode.BuildAsync(new NodeOptions { DataDirectory = folder }, "http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            var services = app.Services.GetRequiredService<NodeServices>();
            var url = app.Urls.First();
            var admin = new NodeAdministration(services.Store, services.Identity, services.Random);
            await admin.AddTenantAsync("cbp", null, publicVerification: false);
            var submitter = await admin.AddClientAsync("cbp", [Scopes.SubmitPresentations, Scopes.VerifyPresentations]);
            var reader = await admin.AddClientAsync("cbp", [Scopes.ReadTwins]);
            await SubmitSteelChainAsync(services, url, submitter);

            var (code, output, error) = await RunAsync(reader.ClientSecret, "twin", "show", SteelChainCoil, "--node", url, "--tenant", "cbp", "--client", reader.ClientId);
            Assert.True(code == 0, error);
            Assert.Contains("twin " + SteelChainCoil, output, StringComparison.Ordinal);
            Assert.Contains("custody", output, StringComparison.Ordinal);
            Assert.Contains("countryOfMeltAndPour MX", output, StringComparison.Ordinal);
            Assert.Contains("node: " + url + ", organisation cbp", output, StringComparison.Ordinal);

            var (jsonCode, json, jsonError) = await RunAsync(reader.ClientSecret, "twin", "show", SteelChainCoil, "--node", url, "--tenant", "cbp", "--client", reader.ClientId, "--json");
            Assert.True(jsonCode == 0, jsonError);
            using var document = JsonDocument.Parse(json);
            Assert.Equal(2, document.RootElement.GetProperty("who").GetProperty("custodyChain").GetArrayLength());
            Assert.Equal(document.RootElement.GetProperty("node").GetProperty("version").GetInt64(), document.RootElement.GetProperty("timeline").GetArrayLength());

            var (wrongTenant, _, wrongTenantError) = await RunAsync(reader.ClientSecret, "twin", "show", SteelChainCoil, "--node", url, "--tenant", "acme", "--client", reader.ClientId);
            Assert.Equal(1, wrongTenant);
            Assert.StartsWith("tradeproof: error: the node answered 404", wrongTenantError, StringComparison.Ordinal);
            var (badSecret, _, badSecretError) = await RunAsync("not-the-secret", "twin", "show", SteelChainCoil, "--node", url, "--tenant", "cbp", "--client", reader.ClientId);
            Assert.Equal(1, badSecret);
            Assert.Contains("401", badSecretError, StringComparison.Ordinal);
            var (remote, _, remoteError) = await RunAsync(reader.ClientSecret, "twin", "show", SteelChainCoil, "--node", "http://node.example.com", "--tenant", "cbp", "--client", reader.ClientId);
            Assert.Equal(1, remote);
            Assert.Contains("--allow-network", remoteError, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private const string SteelChainCoil = SteelChain.Coil;

    // The steel chain's documents in one presentation, the hand-over in a second, over real HTTP.
    private static async Task SubmitSteelChainAsync(NodeServices services, string url, ClientRegistration client)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await NodeTestHost.TokenAsync(http, client.ClientId, client.ClientSecret));
        using var steel = new SteelChain(services);
        foreach (var credentials in new[] { new[] { steel.MillTestReport(), steel.UsmcaCertificate(), steel.BillOfLading() }, [steel.HandOver(steel.Carrier)] })
        {
            using var challengeResponse = await http.PostAsync(new Uri("/organizations/cbp/challenges", UriKind.Relative), null);
            using var challenge = JsonDocument.Parse(await challengeResponse.Content.ReadAsStringAsync());
            using var body = new StringContent(steel.Present(challenge.RootElement.GetProperty("challenge").GetString(), null, credentials), Encoding.UTF8);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var submitted = await http.PostAsync(new Uri("/organizations/cbp/presentations", UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string secret, params string[] args)
    {
        var result = await TradeproofProcess.RunAsync(args, environment: new Dictionary<string, string> { ["TRADEPROOF_CLIENT_SECRET"] = secret });
        return (result.ExitCode, result.Output, result.Error);
    }
}
