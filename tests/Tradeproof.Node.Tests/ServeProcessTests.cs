using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tradeproof.Node.Tests;

/// <summary>A real <c>tradeproof serve</c> process on a free loopback port: tenant and client added by the CLI, then
/// token, issue and verify over HTTP.</summary>
public sealed class ServeProcessTests
{

    [Fact]
    public async Task A_tradeproof_serve_process_issues_and_verifies_over_http()
    {
        var data = Path.Combine(Path.GetTempPath(), "tradeproof-serve-" + Guid.NewGuid().ToString("N"));
        try
        {
            var did = Run("tenant", "add", "acme", "--name", "ACME Steel", "--data", data).Trim();
            Assert.Equal("did:web:localhost%3A5080:organizations:acme", did);
            using var clientJson = JsonDocument.Parse(Run("client", "add", "--tenant", "acme", "--scopes", "issue:credentials verify:credentials", "--data", data));
            var clientId = clientJson.RootElement.GetProperty("client_id").GetString()!;
            var secret = clientJson.RootElement.GetProperty("client_secret").GetString()!;

            using var server = Start("serve", "--data", data, "--urls", "http://127.0.0.1:0");
            try
            {
                var baseUrl = await ListeningUrlAsync(server);
                using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await NodeTestHost.TokenAsync(http, clientId, secret));

                using var issue = await http.PostAsync(new Uri("/organizations/acme/credentials/issue", UriKind.Relative), Json("{\"credential\":" + NodeTestHost.Credential() + "}"));
                var issuedText = await issue.Content.ReadAsStringAsync();
                Assert.True(issue.StatusCode == HttpStatusCode.Created, issuedText);
                using var issued = JsonDocument.Parse(issuedText);
                var vc = issued.RootElement.GetProperty("verifiableCredential").GetRawText();

                using var verify = await http.PostAsync(new Uri("/organizations/acme/credentials/verify", UriKind.Relative), Json("{\"verifiableCredential\":" + vc + "}"));
                Assert.True(verify.StatusCode == HttpStatusCode.OK, await verify.Content.ReadAsStringAsync());

                using var tampered = await http.PostAsync(new Uri("/organizations/acme/credentials/verify", UriKind.Relative), Json("{\"verifiableCredential\":" + vc.Replace("Steel coil 42", "Steel coil 7", StringComparison.Ordinal) + "}"));
                Assert.Equal(HttpStatusCode.UnprocessableEntity, tampered.StatusCode);

                using var document = await http.GetAsync(new Uri("/organizations/acme/did.json", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Run(params string[] args)
    {
        var result = TradeproofProcess.Run(args);
        Assert.True(result.ExitCode == 0, $"tradeproof {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }

    private static Process Start(params string[] args) => TradeproofProcess.Start(args);

    private static async Task<string> ListeningUrlAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        const string marker = "tradeproof: node listening on ";
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                return line[marker.Length..];
            }
        }

        throw new InvalidOperationException("serve exited before listening: " + await server.StandardError.ReadToEndAsync(timeout.Token));
    }
}
