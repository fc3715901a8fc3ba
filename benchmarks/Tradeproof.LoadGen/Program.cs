using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.LoadGen;

/// <summary>
/// Drives one or two running nodes over loopback HTTP/1.1 with keep-alive connections, closed loop (each connection
/// sends its next request when the previous answer arrived), and prints requests/s and latency percentiles.
/// <list type="bullet">
/// <item><c>verify</c>: POST /organizations/T/credentials/verify of the mill test report issued by the tenant
/// (eddsa-rdfc-2022), for a warm-up then a measured duration.</item>
/// <item><c>submit</c>: POST /organizations/T/presentations of TraceablePresentations carrying 5 mill test reports
/// each, signed by a did:key holder with challenges from POST /challenges, all made before the clock starts.</item>
/// <item><c>read</c>: GET /organizations/T/credentials/ID (token check, tenant, one store read); <c>health</c>:
/// GET /health (no token, no store): the floors under verify.</item>
/// </list>
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: Tradeproof.LoadGen verify|submit|read|health --url URL [--url URL2] [--pid NODEPID ...] --tenant T --client-id ID --client-secret S
                 [--connections 32] [--duration 15] [--warmup 5] [--fixture mill-test-report.json]
                 [--presentations 3000] [--credentials 5] [--sets 50] [--fresh] [--warmup-max N] [--label TEXT]
          submit: the warm-up sends presentations for --warmup seconds, at most half of them (or N); the measured phase
          the rest (a run at 500/s with --duration 15 after a 30 s warm-up wants --presentations 20000 or so)
          submit --fresh: every presentation carries its own new credentials, signed here by a did:key mill (not issued by
          the tenant), so each submission stores them and appends their twin events (without it, the credentials are the
          tenant's own from --sets sets, already stored at issuance: no twin events)
        prints: RESULT label=... scenario=... ok=N errors=N seconds=S rps=R p50_ms=... p90_ms=... p99_ms=... max_ms=... server_cpu_ms=... client_cpu_ms=...
                 gc0_per_1k=... gc1_per_1k=... gc2_per_1k=... gc_pause_ms=... alloc_kb=... jit_methods=... jit_ms=...
          (CPU milliseconds per request over the measured phase: the node processes named by --pid, and the generator;
          then the nodes' garbage collections per 1,000 requests, GC pause ms and KiB allocated per request, and the
          methods and milliseconds the JIT compiled during the phase, from each node's GET /metrics)
        """;

    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n" + Usage);
            return 2;
        }

        using var clients = new ClientSet(options.Urls, options.Connections);
        var token = await TokenAsync(clients.Clients[0], options);
        foreach (var client in clients.Clients)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(options.Fixture))!.AsObject();
        fixture.Remove("id");
        fixture.Remove("issuer");
        fixture.Remove("proof");
        var tenant = "/organizations/" + options.Tenant;
        Result result;
        Cpu cpu;
        RuntimeCounters runtime;
        if (options.Scenario == "verify")
        {
            var vc = await IssueAsync(clients.Clients[0], tenant, fixture);
            var body = Encoding.UTF8.GetBytes("{\"verifiableCredential\":" + vc + "}");
            Func<int, HttpRequestMessage?> next = _ => Post(tenant + "/credentials/verify", body);
            await RunAsync(clients, options.Connections, TimeSpan.FromSeconds(options.Warmup), next, 200);
            runtime = await RuntimeCounters.StartAsync(clients.Clients); // before the CPU clock starts: its /metrics read is not measured
            cpu = Cpu.Start(options.Pids);
            result = await RunAsync(clients, options.Connections, TimeSpan.FromSeconds(options.Duration), next, 200);
        }
        else if (options.Scenario is "health" or "read")
        {
            // The floor under verify: Kestrel and our middleware alone (health), plus a token check, the tenant and one
            // store read (read: GET the issued credential by id).
            var path = "/health";
            if (options.Scenario == "read")
            {
                var vc = JsonNode.Parse(await IssueAsync(clients.Clients[0], tenant, fixture))!;
                path = tenant + "/credentials/" + Uri.EscapeDataString(vc["id"]!.GetValue<string>());
            }

            Func<int, HttpRequestMessage?> next = _ => new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)) { Version = new Version(1, 1) };
            await RunAsync(clients, options.Connections, TimeSpan.FromSeconds(options.Warmup), next, 200);
            runtime = await RuntimeCounters.StartAsync(clients.Clients); // before the CPU clock starts: its /metrics read is not measured
            cpu = Cpu.Start(options.Pids);
            result = await RunAsync(clients, options.Connections, TimeSpan.FromSeconds(options.Duration), next, 200);
        }
        else
        {
            var presentations = new Cursor(await PreparePresentationsAsync(clients, tenant, fixture, options), tenant + "/presentations");
            // Warm-up (the JIT's tiers, pools, caches): for --warmup seconds, with at most half of the presentations (or
            // --warmup-max; each can be submitted once); the measured phase goes on from the first one it did not send.
            // Under this load the node's tiered JIT recompiles hot methods for some 20-30 s (docs/performance.md), so a
            // warm-up of a fixed 1,000 presentations (until 2026-11-23) left that work in the measured phase.
            var clock = Stopwatch.StartNew();
            var warm = await RunAsync(clients, options.Connections, TimeSpan.FromSeconds(options.Warmup), presentations.Until(Math.Min(presentations.Count / 2, options.WarmupMax)), 202);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warm.Ok} accepted, {warm.Errors} errors in {clock.Elapsed.TotalSeconds:F1} s"));
            runtime = await RuntimeCounters.StartAsync(clients.Clients); // before the CPU clock starts: its /metrics read is not measured
            cpu = Cpu.Start(options.Pids);
            result = await RunAsync(clients, options.Connections, TimeSpan.FromSeconds(options.Duration), presentations.Until(presentations.Count), 202);
            if (result.Seconds < options.Duration * 0.98)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"the measured phase ran out of presentations after {result.Seconds:F1} of {options.Duration} s: raise --presentations"));
            }
        }

        var cpuPerRequest = cpu.PerRequest(result.Ok + result.Errors); // before the closing /metrics read
        var counters = await runtime.PerRequestAsync(result.Ok + result.Errors);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT label={options.Label} scenario={(options.Fresh ? "submit-fresh" : options.Scenario)} nodes={options.Urls.Count} connections={options.Connections} ok={result.Ok} errors={result.Errors} seconds={result.Seconds:F1} rps={result.Ok / result.Seconds:F0} p50_ms={result.Percentile(0.50):F2} p90_ms={result.Percentile(0.90):F2} p99_ms={result.Percentile(0.99):F2} max_ms={result.Percentile(1.0):F2} {cpuPerRequest} {counters}"));
        if (result.FirstError is { } error)
        {
            Console.WriteLine("first error: " + error);
        }

        return result.Ok > 0 ? 0 : 1;
    }

    /// <summary>Hands out each body once, in order, across phases: a phase takes them up to its limit.</summary>
    private sealed class Cursor(List<byte[]> bodies, string path)
    {
        private int _next;

        public int Count => bodies.Count;

        public Func<int, HttpRequestMessage?> Until(int limit) => _ =>
        {
            while (true)
            {
                var i = Volatile.Read(ref _next);
                if (i >= limit)
                {
                    return null;
                }

                if (Interlocked.CompareExchange(ref _next, i + 1, i) == i)
                {
                    return Post(path, bodies[i]);
                }
            }
        };
    }

    private static HttpRequestMessage Post(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content, Version = new Version(1, 1) };
    }

    /// <summary>Closed loop: every connection sends, awaits the answer, sends again, until the time is up or the work runs out.</summary>
    private static async Task<Result> RunAsync(ClientSet clients, int connections, TimeSpan duration, Func<int, HttpRequestMessage?> next, int expected)
    {
        var latencies = new List<long>[connections];
        var errors = new int[connections];
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var end = duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var client = clients.Clients[w % clients.Clients.Count];
            var mine = latencies[w] = new List<long>(4096);
            while (clock.ElapsedTicks < end && next(w) is { } request)
            {
                using (request)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        var elapsed = Stopwatch.GetTimestamp() - start;
                        if ((int)response.StatusCode == expected)
                        {
                            mine.Add(elapsed);
                        }
                        else
                        {
                            errors[w]++;
                            firstError ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        errors[w]++;
                        firstError ??= e.Message;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l ?? []).ToArray();
        Array.Sort(all);
        return new Result(all, errors.Sum(), seconds, firstError);
    }

    private static async Task<string> TokenAsync(HttpClient client, Options options)
    {
        using var response = await client.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!["access_token"]!.GetValue<string>()
            : throw new InvalidOperationException($"token: {(int)response.StatusCode} {body}");
    }

    private static async Task<string> IssueAsync(HttpClient client, string tenant, JsonObject credential)
    {
        using var request = Post(tenant + "/credentials/issue", Encoding.UTF8.GetBytes("{\"credential\":" + credential.ToJsonString() + "}"));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == 201
            ? JsonNode.Parse(body)!["verifiableCredential"]!.ToJsonString()
            : throw new InvalidOperationException($"issue: {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// Issues <c>sets × credentials</c> mill test reports (each its own id and lot number), takes one challenge per
    /// presentation, and signs every presentation; nothing of this is timed.
    /// </summary>
    private static async Task<List<byte[]>> PreparePresentationsAsync(ClientSet clients, string tenant, JsonObject fixture, Options options)
    {
        var clock = Stopwatch.StartNew();
        var random = SystemRandomSource.Instance;
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions
        {
            Random = random,
            Transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader }),
        });
        string[][] sets;
        if (options.Fresh)
        {
            // A mill outside the tenant: its credentials are new to the node at submission, so intake stores them and
            // appends the twin events the trade layer extracts (the "update the twin" of issue #7's target).
            using var mill = KeyPair.Generate(KeyType.Ed25519, random);
            var millDid = DidKey.Create(mill.PublicKey).ToString();
            var proofOptions = new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = millDid + "#" + mill.PublicKey.ToMultibase() };
            var original = JsonNode.Parse(await File.ReadAllTextAsync(options.Fixture))!.AsObject();
            original.Remove("proof");
            sets = new string[options.Presentations][];
            Parallel.For(0, options.Presentations, s =>
            {
                sets[s] = new string[options.Credentials];
                for (var c = 0; c < options.Credentials; c++)
                {
                    var credential = original.DeepClone().AsObject();
                    credential["id"] = "urn:uuid:" + Guid.NewGuid().ToString();
                    if (credential["issuer"] is JsonObject issuer)
                    {
                        issuer["id"] = millDid;
                    }
                    else
                    {
                        credential["issuer"] = millDid;
                    }

                    credential["credentialSubject"]!["lotNumber"] = $"F-{s:D5}-{c:D2}";
                    sets[s][c] = Encoding.UTF8.GetString(engine.AddProof(Encoding.UTF8.GetBytes(credential.ToJsonString()), proofOptions, mill));
                }
            });
        }
        else
        {
            sets = new string[options.Sets][];
            await Parallel.ForAsync(0, options.Sets, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) =>
            {
                sets[s] = new string[options.Credentials];
                for (var c = 0; c < options.Credentials; c++)
                {
                    var credential = fixture.DeepClone().AsObject();
                    credential["credentialSubject"]!["lotNumber"] = $"L-{s:D4}-{c:D2}";
                    sets[s][c] = await IssueAsync(clients.Clients[(s + c) % clients.Clients.Count], tenant, credential);
                }
            });
        }

        var challenges = new string[options.Presentations];
        await Parallel.ForAsync(0, options.Presentations, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            using var request = Post(tenant + "/challenges", "{}"u8.ToArray());
            using var response = await clients.Clients[i % clients.Clients.Count].SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            challenges[i] = (int)response.StatusCode == 201
                ? JsonNode.Parse(body)!["challenge"]!.GetValue<string>()
                : throw new InvalidOperationException($"challenge: {(int)response.StatusCode} {body}");
        });

        using var holder = KeyPair.Generate(KeyType.Ed25519, random);
        var did = DidKey.Create(holder.PublicKey).ToString();
        var signer = new TraceablePresentationSigner(engine);
        var builder = new TraceablePresentationBuilder(random);
        var presentations = new byte[options.Presentations][];
        var encoded = sets.Select(set => set.Select(c => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(c)).ToArray()).ToArray();
        Parallel.For(0, options.Presentations, i =>
        {
            var unsigned = builder.Build(new TraceablePresentationContent
            {
                Holder = did,
                Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"],
                Instances = ["urn:uuid:" + Guid.NewGuid().ToString()],
                Credentials = encoded[i % encoded.Length],
            });
            presentations[i] = signer.Sign(unsigned, holder, new PresentationSigningOptions
            {
                VerificationMethod = did + "#" + holder.PublicKey.ToMultibase(),
                Challenge = challenges[i],
            });
        });
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"prepared {sets.Length * options.Credentials} credentials, {options.Presentations} presentations in {clock.Elapsed.TotalSeconds:F1} s"));
        return [.. presentations];
    }

    /// <summary>
    /// CPU time of the node processes (<c>/proc/PID/stat</c> utime + stime) and of this process over the measured
    /// phase, per request: what a request costs whatever else runs on the machine.
    /// </summary>
    private sealed class Cpu
    {
        private readonly IReadOnlyList<int> _pids;
        private readonly double _server;
        private readonly TimeSpan _client;

        private Cpu(IReadOnlyList<int> pids)
        {
            _pids = pids;
            _server = pids.Sum(Seconds);
            _client = Process.GetCurrentProcess().TotalProcessorTime;
        }

        public static Cpu Start(IReadOnlyList<int> pids) => new(pids);

        public string PerRequest(int requests)
        {
            var client = (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalMilliseconds / Math.Max(1, requests);
            var server = _pids.Count == 0 ? double.NaN : (_pids.Sum(Seconds) - _server) * 1000 / Math.Max(1, requests);
            return string.Create(CultureInfo.InvariantCulture, $"server_cpu_ms={server:F3} client_cpu_ms={client:F3}");
        }

        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised command name), in clock ticks of 1/100 s.
        private static double Seconds(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    private sealed record Result(long[] SortedTicks, int Errors, double Seconds, string? FirstError)
    {
        public int Ok => SortedTicks.Length;

        public double Percentile(double p) => SortedTicks.Length == 0
            ? double.NaN
            : SortedTicks[Math.Min(SortedTicks.Length - 1, (int)Math.Ceiling(p * SortedTicks.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(p * SortedTicks.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private sealed class ClientSet : IDisposable
    {
        public ClientSet(IReadOnlyList<Uri> urls, int connections)
        {
            Clients = [.. urls.Select(url => new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseProxy = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            })
            {
                BaseAddress = url,
                Timeout = TimeSpan.FromSeconds(60),
            })];
        }

        public IReadOnlyList<HttpClient> Clients { get; }

        public void Dispose()
        {
            foreach (var client in Clients)
            {
                client.Dispose();
            }
        }
    }

    private sealed record Options(string Scenario, IReadOnlyList<Uri> Urls, IReadOnlyList<int> Pids, string Tenant, string ClientId, string ClientSecret, int Connections, int Duration, int Warmup, string Fixture, int Presentations, int Credentials, int Sets, string Label, bool Fresh = false, int WarmupMax = int.MaxValue)
    {
        public static Options Parse(string[] args)
        {
            if (args.Length == 0 || args[0] is not ("verify" or "submit" or "read" or "health"))
            {
                throw new ArgumentException("the first argument is the scenario: verify, submit, read or health");
            }

            var urls = new List<Uri>();
            var pids = new List<int>();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var fresh = false;
            for (var i = 1; i < args.Length; i++)
            {
                if (args[i] == "--fresh")
                {
                    fresh = true;
                    continue;
                }

                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"unexpected argument '{args[i]}'");
                }

                if (args[i] == "--url")
                {
                    urls.Add(new Uri(args[++i]));
                }
                else if (args[i] == "--pid")
                {
                    pids.Add(int.Parse(args[++i], CultureInfo.InvariantCulture));
                }
                else
                {
                    values[args[i][2..]] = args[++i];
                }
            }

            string Text(string name, string? fallback = null) => values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
            int Number(string name, int fallback) => values.TryGetValue(name, out var v)
                ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} takes a positive whole number")
                : fallback;
            if (urls.Count == 0)
            {
                throw new ArgumentException("--url is required (once per node)");
            }

            return new Options(args[0], urls, pids, Text("tenant"), Text("client-id"), Text("client-secret"), Number("connections", 32), Number("duration", 15), Number("warmup", 5),
                Text("fixture", "../shared/design/fixtures/mill-test-report.json"), Number("presentations", 3000), Number("credentials", 5), Number("sets", 50), Text("label", "-"), fresh, Number("warmup-max", int.MaxValue));
        }
    }
}
