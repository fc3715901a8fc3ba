using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// Soak (issue #10): a real <c>tradeproof serve</c> on SQLite (rate limiting off) under mixed traffic from closed-loop
/// workers, each request in turn: issue (a new credential under a new <c>Idempotency-Key</c>), verify, submit a
/// TraceablePresentation (challenge, then the presentation, to another tenant: its twin events appended), and read a
/// twin and its timeline. Every answer must be the expected one (no error, no hang); per window of the run it reports
/// requests/s, p50/p99 and the node's resident memory (VmRSS). CI runs 20 s (<c>TRADEPROOF_SOAK_SECONDS</c>);
/// <c>benchmarks/reliability/soak.sh</c> runs 600 s and asserts the memory stays flat (the last window's RSS at most
/// 1.5 times the RSS after the first fifth). <c>TRADEPROOF_SOAK_REPORT</c>: a file the summary is appended to.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private static readonly string[] Operations = ["issue", "verify", "submit", "twin"];

    [Fact]
    public async Task Mixed_traffic_against_a_real_node_is_answered_without_errors_and_memory_stays_flat()
    {
        var seconds = Setting("TRADEPROOF_SOAK_SECONDS", 20);
        var workers = Setting("TRADEPROOF_SOAK_WORKERS", 4);
        var windowSeconds = Math.Max(5, seconds / 10);
        var data = Path.Combine(Path.GetTempPath(), "tradeproof-soak-" + Guid.NewGuid().ToString("N"));
        string[] store = ["--data", data];
        var samples = new ConcurrentQueue<(int Window, int Operation, double Milliseconds)>();
        var errors = new ConcurrentQueue<string>();
        var memory = new List<(int Window, long RssBytes)>();
        try
        {
            await NodeProcess.RunAsync(["tenant", "add", "acme", .. store]);
            await NodeProcess.RunAsync(["tenant", "add", "beta", .. store]);
            using var acme = JsonDocument.Parse(await NodeProcess.RunAsync(["client", "add", "--tenant", "acme", "--scopes", string.Join(' ', Scopes.All), .. store]));
            using var beta = JsonDocument.Parse(await NodeProcess.RunAsync(["client", "add", "--tenant", "beta", "--scopes", string.Join(' ', Scopes.All), .. store]));
            await using var node = await NodeProcess.StartAsync(store, new Dictionary<string, string> { ["TRADEPROOF__NODE__RATELIMIT__ENABLED"] = "false" });
            var issuer = await node.TokenAsync(acme.RootElement.GetProperty("client_id").GetString()!, acme.RootElement.GetProperty("client_secret").GetString()!);
            var receiver = await node.TokenAsync(beta.RootElement.GetProperty("client_id").GetString()!, beta.RootElement.GetProperty("client_secret").GetString()!);

            var (status, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", issuer, "{\"credential\":" + SensorReading() + "}");
            Assert.True(status == 201, body);
            var source = JsonNode.Parse(body)!["verifiableCredential"]!.ToJsonString();
            var verifyBody = "{\"verifiableCredential\":" + source + "}";
            using var holder = new HolderPresentations();
            var twins = new ConcurrentQueue<string>();

            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            int Window() => (int)(clock.Elapsed.TotalSeconds / windowSeconds);

            async Task<bool> OneAsync(int operation)
            {
                switch (operation)
                {
                    case 0:
                        var key = Guid.NewGuid().ToString("N");
                        var issued = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", issuer, "{\"credential\":" + NodeTestHost.Credential("Coil " + key) + "}", new Dictionary<string, string> { [Idempotency.HeaderName] = key });
                        return Expect("issue", issued, 201);
                    case 1:
                        return Expect("verify", await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", issuer, verifyBody), 200);
                    case 2:
                        var challenge = await node.SendAsync(HttpMethod.Post, "/organizations/beta/challenges", receiver);
                        if (!Expect("challenge", challenge, 201))
                        {
                            return false;
                        }

                        var presentation = holder.Sign([source], JsonNode.Parse(challenge.Body)!["challenge"]!.GetValue<string>());
                        var submitted = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", receiver, presentation);
                        if (Expect("submit", submitted, 202) && twins.IsEmpty)
                        {
                            foreach (var twin in JsonNode.Parse(submitted.Body)!["twins"]!.AsArray())
                            {
                                twins.Enqueue(twin is JsonObject o ? o["id"]!.GetValue<string>() : twin!.GetValue<string>());
                            }
                        }

                        return submitted.Status == 202;
                    default:
                        if (!twins.TryPeek(out var twinId))
                        {
                            return Expect("verify", await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", issuer, verifyBody), 200);
                        }

                        var path = "/organizations/beta/twins/" + Uri.EscapeDataString(twinId);
                        return Expect("twin", await node.SendAsync(HttpMethod.Get, path, receiver), 200)
                            && Expect("timeline", await node.SendAsync(HttpMethod.Get, path + "/timeline?limit=50", receiver), 200);
                }
            }

            bool Expect(string what, (int Status, string Body) answer, int expected)
            {
                if (answer.Status != expected)
                {
                    errors.Enqueue($"{what}: {answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}");
                }

                return answer.Status == expected;
            }

            var sampler = Task.Run(async () =>
            {
                while (clock.Elapsed < end)
                {
                    lock (memory)
                    {
                        memory.Add((Window(), ResidentBytes(node.Id)));
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            });

            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                for (var i = w; clock.Elapsed < end; i++)
                {
                    var operation = i % Operations.Length;
                    var started = clock.Elapsed;
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                        await OneAsync(operation).WaitAsync(timeout.Token);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or TimeoutException)
                    {
                        errors.Enqueue($"{Operations[operation]}: {e.GetType().Name} {e.Message}");
                    }

                    samples.Enqueue(((int)(started.TotalSeconds / windowSeconds), operation, (clock.Elapsed - started).TotalMilliseconds));
                }
            })));
            await sampler;
            var elapsed = clock.Elapsed.TotalSeconds;

            var report = Report(samples.ToList(), memory, windowSeconds, elapsed, workers, errors.Count);
            output.WriteLine(report);
            if (Environment.GetEnvironmentVariable("TRADEPROOF_SOAK_REPORT") is { Length: > 0 } file)
            {
                await File.AppendAllTextAsync(file, report + "\n");
            }

            Assert.True(errors.IsEmpty, $"{errors.Count} errors, first: {string.Join("; ", errors.Take(5))}");
            Assert.All(Operations, (_, op) => Assert.True(samples.Any(s => s.Operation == op), $"no {Operations[op]} request ran"));
            var windows = (int)(seconds / windowSeconds);
            for (var w = 0; w < windows; w++)
            {
                Assert.True(samples.Any(s => s.Window == w), $"no request started in window {w}: the node stalled");
            }

            if (seconds >= 300)
            {
                var early = memory.Where(m => m.Window == windows / 5).Select(m => m.RssBytes).DefaultIfEmpty(0).Max();
                var late = memory.Where(m => m.Window == windows - 1).Select(m => m.RssBytes).DefaultIfEmpty(0).Max();
                Assert.True(late <= early * 3 / 2, $"resident memory grew from {early >> 20} MiB to {late >> 20} MiB");
            }
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

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string SensorReading()
    {
        var path = Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "src", "Tradeproof.Trade", "Vocabulary", "Data", "trade", "examples", "SensorReadingCredential.json");
        var credential = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        credential.Remove("id");
        credential.Remove("issuer");
        return credential.ToJsonString();
    }

    // VmRSS of the node process (Linux); 0 elsewhere.
    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Report(List<(int Window, int Operation, double Milliseconds)> samples, List<(int Window, long RssBytes)> memory, int windowSeconds, double elapsed, int workers, int errors)
    {
        static double Percentile(IEnumerable<double> values, double p)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }

        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"soak: {elapsed:F0} s, {workers} workers, {samples.Count} operations ({samples.Count / elapsed:F1}/s), errors {errors}");
        text.AppendLine("| operation | count | per s | p50 ms | p99 ms | max ms |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var op = 0; op < Operations.Length; op++)
        {
            var ms = samples.Where(s => s.Operation == op).Select(s => s.Milliseconds).ToList();
            text.AppendLine(c, $"| {Operations[op]} | {ms.Count} | {ms.Count / elapsed:F1} | {Percentile(ms, 0.5):F1} | {Percentile(ms, 0.99):F1} | {(ms.Count == 0 ? 0 : ms.Max()):F1} |");
        }

        text.AppendLine();
        text.AppendLine("| window (s) | operations/s | p50 ms | p99 ms | node RSS MiB |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var window in samples.GroupBy(s => s.Window).OrderBy(g => g.Key))
        {
            var rss = memory.Where(m => m.Window == window.Key).Select(m => m.RssBytes).DefaultIfEmpty(0).Max();
            var ms = window.Select(s => s.Milliseconds).ToList();
            text.AppendLine(c, $"| {window.Key * windowSeconds}-{(window.Key + 1) * windowSeconds} | {ms.Count / (double)windowSeconds:F1} | {Percentile(ms, 0.5):F1} | {Percentile(ms, 0.99):F1} | {rss >> 20} |");
        }

        return text.ToString();
    }
}
