using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Xunit.Abstractions;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// Retries with idempotency keys over dropped connections (issue #10): a real node behind <see cref="FaultyProxy"/>,
/// which resets connections before the request, while the node works on it, once the response started (none of it
/// relayed) and part-way through the response. Six clients issue 48 credentials, each under its own
/// <c>Idempotency-Key</c>, retrying the same request until it is answered. Every key ends with exactly one credential
/// in the store, every answer a key got names that credential, a last direct retry replays it, and the transparency
/// log holds one leaf per credential. Seed: <c>TRADEPROOF_RETRY_SEED</c>.
/// </summary>
public sealed class IdempotentRetryTests(ITestOutputHelper output)
{
    private const int Clients = 6;
    private const int KeysPerClient = 8;

    [Fact]
    public async Task Retries_over_dropped_connections_have_one_effect_per_idempotency_key()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TRADEPROOF_RETRY_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        var data = Path.Combine(Path.GetTempPath(), "tradeproof-retry-" + Guid.NewGuid().ToString("N"));
        string[] store = ["--data", data];
        var answers = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        var requests = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var unexpected = new ConcurrentQueue<string>();
        long failedAttempts = 0;
        try
        {
            await NodeProcess.RunAsync(["tenant", "add", "acme", .. store]);
            using var clientJson = JsonDocument.Parse(await NodeProcess.RunAsync(["client", "add", "--tenant", "acme", "--scopes", string.Join(' ', Scopes.All), .. store]));
            await using (var node = await NodeProcess.StartAsync(store))
            {
                var token = await node.TokenAsync(clientJson.RootElement.GetProperty("client_id").GetString()!, clientJson.RootElement.GetProperty("client_secret").GetString()!);

                // Connection n: a fault two times in three, cycling through the four kinds; a fair share gets through.
                var faults = new[] { ProxyFault.ResetBeforeRequest, ProxyFault.ResetInFlight, ProxyFault.DropResponse, ProxyFault.CutMidResponse };
                var plan = new Random(seed);
                await using var proxy = new FaultyProxy(node.BaseUrl, n =>
                {
                    lock (plan)
                    {
                        return plan.Next(3) == 0 ? ProxyFault.None : faults[plan.Next(faults.Length)];
                    }
                }, seed);
                using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = proxy.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

                await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
                {
                    for (var k = 0; k < KeysPerClient; k++)
                    {
                        var key = $"retry-{c}-{k}-{Guid.NewGuid():N}";
                        var request = "{\"credential\":" + NodeTestHost.Credential("Coil " + key) + "}";
                        requests[key] = request;
                        for (var attempt = 1; ; attempt++)
                        {
                            Assert.True(attempt <= 200, $"seed {seed}: key {key} was never answered in 200 attempts");
                            try
                            {
                                var (status, body) = await SendAsync(http, token, key, request);
                                if (status == 201)
                                {
                                    answers.GetOrAdd(key, _ => []).Add(JsonNode.Parse(body)!["verifiableCredential"]!["id"]!.GetValue<string>());
                                    break;
                                }

                                // 409: the first attempt is still running at the node (its connection was cut); 503: busy.
                                if (status is not (409 or 503))
                                {
                                    unexpected.Enqueue($"{key} attempt {attempt}: {status} {body}");
                                    break;
                                }
                            }
                            // A connection reset right after the proxy accepted it surfaces as a bare SocketException (from the handler's
                            // RemoteEndPoint read), not wrapped in HttpRequestException: a dropped connection like the others.
                            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Net.Sockets.SocketException)
                            {
                                Interlocked.Increment(ref failedAttempts);
                            }

                            await Task.Delay(5);
                        }
                    }
                })));

                output.WriteLine($"seed {seed}: {failedAttempts} attempts failed on the wire; connections: none {proxy.Count(ProxyFault.None)}, reset before {proxy.Count(ProxyFault.ResetBeforeRequest)}, in flight {proxy.Count(ProxyFault.ResetInFlight)}, response dropped {proxy.Count(ProxyFault.DropResponse)}, cut mid-response {proxy.Count(ProxyFault.CutMidResponse)}");
                Assert.True(unexpected.IsEmpty, $"seed {seed}: " + string.Join("; ", unexpected));
                Assert.All(faults, f => Assert.True(proxy.Count(f) > 0, $"seed {seed}: no connection had the fault {f}"));

                // Once more, straight to the node: the stored response is replayed, the same credential.
                foreach (var (key, request) in requests)
                {
                    var (status, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, request, new Dictionary<string, string> { [Idempotency.HeaderName] = key });
                    Assert.True(status == 201, $"seed {seed}: {key} replayed {status} {body}");
                    answers[key].Add(JsonNode.Parse(body)!["verifiableCredential"]!["id"]!.GetValue<string>());
                }
            }

            Assert.Equal(Clients * KeysPerClient, requests.Count);
            var names = await IssuedNamesAsync(data);
            foreach (var (key, ids) in answers)
            {
                Assert.True(ids.Distinct(StringComparer.Ordinal).Count() == 1, $"seed {seed}: key {key} was answered with credentials {string.Join(", ", ids.Distinct())}");
                Assert.True(names.TryGetValue("Coil " + key, out var id) && id.Count == 1 && id[0] == ids.First(), $"seed {seed}: key {key} has {(names.TryGetValue("Coil " + key, out var l) ? l.Count : 0)} credentials in the store");
            }

            Assert.Equal(requests.Count, names.Values.Sum(v => v.Count));
            Assert.Equal(requests.Count, await LogInvariants.CheckAsync(data, $"seed {seed}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, string token, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/organizations/acme/credentials/issue", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.ConnectionClose = true;
        request.Headers.TryAddWithoutValidation(Idempotency.HeaderName, key);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // The issued credentials' ids by subject name (the name carries the key).
    private static async Task<Dictionary<string, List<string>>> IssuedNamesAsync(string data)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var database = await NodeStoreFactory.OpenAsync(new NodeOptions { DataDirectory = data }, TimeProvider.System, SystemRandomSource.Instance);
        for (string? after = null; ;)
        {
            var page = await database.Credentials.ListAsync("acme", CredentialDirection.Issued, after, 500);
            if (page.Count == 0)
            {
                return names;
            }

            foreach (var credential in page)
            {
                if (JsonNode.Parse(credential.Content.Span)!["credentialSubject"]?["name"]?.GetValue<string>() is { } name)
                {
                    if (!names.TryGetValue(name, out var ids))
                    {
                        names[name] = ids = [];
                    }

                    ids.Add(credential.Id);
                }
            }

            after = page[^1].Id;
        }
    }
}
