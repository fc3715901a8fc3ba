using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Xunit.Abstractions;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// Disk full under a real node (issue #10): <c>tradeproof serve</c> with its data folder on a 32 MiB tmpfs, filled to
/// the last byte by a ballast file while credentials are issued with idempotency keys. Each refused issuance is an RFC
/// 9457 problem, 503 <c>unavailable</c> saying the disk is full; the node stays up; nothing of a refused request is
/// stored (its key is not left "in progress"); once the ballast is deleted the same requests, same keys, issue once
/// each, and the transparency log has one leaf per credential and audits clean.
/// </summary>
public sealed class DiskFullNodeTests(ITestOutputHelper output)
{
    [SmallFilesystemFact]
    public async Task A_full_disk_is_a_503_problem_nothing_is_half_written_and_the_node_resumes()
    {
        using var disk = SmallFilesystem.Mount(32);
        var data = Path.Combine(disk.Folder, "node");
        string[] store = ["--data", data];
        await NodeProcess.RunAsync(["tenant", "add", "acme", .. store]);
        using var clientJson = JsonDocument.Parse(await NodeProcess.RunAsync(["client", "add", "--tenant", "acme", "--scopes", string.Join(' ', Scopes.All), .. store]));
        var issued = new Dictionary<string, string>(StringComparer.Ordinal);
        var refused = new List<string>();
        await using (var node = await NodeProcess.StartAsync(store))
        {
            var token = await node.TokenAsync(clientJson.RootElement.GetProperty("client_id").GetString()!, clientJson.RootElement.GetProperty("client_secret").GetString()!);
            async Task<(int Status, string Body)> IssueAsync(string key) =>
                await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, "{\"credential\":" + NodeTestHost.Credential("Coil " + key) + "}", new Dictionary<string, string> { [Idempotency.HeaderName] = key });

            for (var i = 0; i < 3; i++)
            {
                var (status, body) = await IssueAsync("before-" + i);
                Assert.True(status == 201, body);
                issued["before-" + i] = Id(body);
            }

            output.WriteLine($"ballast {disk.Fill()} bytes");
            string? problem = null;
            for (var i = 0; problem is null && i < 5000; i++)
            {
                var key = "full-" + i;
                var (status, body) = await IssueAsync(key);
                if (status == 201)
                {
                    issued[key] = Id(body);
                    continue;
                }

                Assert.True(status == 503, $"{status} {body}");
                refused.Add(key);
                problem = body;
            }

            Assert.True(problem is not null, "the node never reported the full disk");
            output.WriteLine($"refused after {issued.Count} issuances: {problem}");
            AssertFullDiskProblem(problem);
            for (var i = 0; i < 5; i++)
            {
                var key = "still-full-" + i;
                var (status, body) = await IssueAsync(key);
                Assert.True(status == 503, $"{status} {body}");
                AssertFullDiskProblem(body);
                refused.Add(key);
            }

            var (health, healthBody) = await node.SendAsync(HttpMethod.Get, "/health", null);
            output.WriteLine($"GET /health on a full disk: {health} {healthBody}");

            // Space returns: the refused requests again, same keys and bodies, each issued now (none stuck in progress).
            disk.Release();
            foreach (var key in refused)
            {
                var (status, body) = await IssueAsync(key);
                Assert.True(status == 201, $"{key} after space returned: {status} {body}");
                issued[key] = Id(body);
            }

            var (again, againBody) = await IssueAsync(refused[0]);
            Assert.True(again == 201 && Id(againBody) == issued[refused[0]], $"replay: {again} {againBody}");
            Assert.DoesNotContain(node.Errors.Split('\n'), l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        }

        await using (var database = await NodeStoreFactory.OpenAsync(new NodeOptions { DataDirectory = data }, TimeProvider.System, SystemRandomSource.Instance))
        {
            var all = await database.Credentials.ListAsync("acme", CredentialDirection.Issued, null, 10_000);
            Assert.Equal(issued.Count, all.Count);
            foreach (var (key, id) in issued)
            {
                Assert.Single(all, c => c.Id == id && JsonNode.Parse(c.Content.Span)!["credentialSubject"]!["name"]!.GetValue<string>() == "Coil " + key);
            }
        }

        Assert.Equal(issued.Count, await LogInvariants.CheckAsync(data, "after the disk was full"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static string Id(string body) => JsonNode.Parse(body)!["verifiableCredential"]!["id"]!.GetValue<string>();

    private static void AssertFullDiskProblem(string body)
    {
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(ApiProblem.TypeBase + "unavailable", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("full", problem.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
