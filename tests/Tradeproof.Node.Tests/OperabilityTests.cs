using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tradeproof.Node.Tests;

/// <summary>Operability: metrics, rate limiting, request logs, OpenAPI and Swagger UI, listening rules, settings.</summary>
public sealed class OperabilityTests
{
    [Fact]
    public async Task A_request_moves_the_request_and_verification_counters_on_metrics()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var before = await MetricsAsync(node);
        Assert.DoesNotContain("route=\"/organizations/{id}/credentials/issue\"", before, StringComparison.Ordinal);

        var (issued, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var vc = body.GetProperty("verifiableCredential").GetRawText();
        var (verified, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + vc + "}");
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var (tampered, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + vc.Replace("Steel coil 42", "Steel coil 7", StringComparison.Ordinal) + "}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tampered.StatusCode);
        await node.SendAsync(HttpMethod.Get, "/no/such/thing");

        var after = await MetricsAsync(node);
        Assert.Equal(1, Value(after, "tradeproof_node_requests_total{method=\"POST\",route=\"/organizations/{id}/credentials/issue\",status=\"201\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_requests_total{method=\"POST\",route=\"/organizations/{id}/credentials/verify\",status=\"200\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_requests_total{method=\"POST\",route=\"/organizations/{id}/credentials/verify\",status=\"422\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_requests_total{method=\"GET\",route=\"(unmatched)\",status=\"404\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_verifications_total{kind=\"credential\",outcome=\"verified\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_verifications_total{kind=\"credential\",outcome=\"failed\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_request_duration_seconds_count{method=\"POST\",route=\"/organizations/{id}/credentials/issue\",status=\"201\"}"));
        Assert.Equal(1, Value(after, "tradeproof_node_request_duration_seconds_bucket{method=\"POST\",route=\"/organizations/{id}/credentials/issue\",status=\"201\",le=\"+Inf\"}"));
        Assert.Contains("# TYPE tradeproof_node_request_duration_seconds histogram\n", after, StringComparison.Ordinal);
        Assert.Contains("# TYPE tradeproof_node_requests_total counter\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_in_one_process_count_apart()
    {
        await using var first = await NodeTestHost.StartAsync();
        await using var second = await NodeTestHost.StartAsync();
        await first.SendAsync(HttpMethod.Get, "/organizations/nobody/did.json");
        await first.SendAsync(HttpMethod.Get, "/organizations/nobody/did.json");
        Assert.Equal(2, Value(await MetricsAsync(first), "tradeproof_node_requests_total{method=\"GET\",route=\"/organizations/{id}/did.json\",status=\"404\"}"));
        Assert.Equal(0, Value(await MetricsAsync(second), "tradeproof_node_requests_total{method=\"GET\",route=\"/organizations/{id}/did.json\",status=\"404\"}"));
    }

    [Fact]
    public async Task Metrics_carry_the_runtimes_gc_jit_and_cpu_counters()
    {
        await using var node = await NodeTestHost.StartAsync();
        var before = await MetricsAsync(node);
        var allocatedBefore = Value(before, "dotnet_gc_heap_total_allocated_bytes_total");
        _ = GC.AllocateUninitializedArray<byte>(1 << 20);
        GC.Collect(0);

        var after = await MetricsAsync(node);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", after, StringComparison.Ordinal);
        Assert.True(Value(after, "dotnet_gc_collections_total{gc_heap_generation=\"gen0\"}") >= 1);
        Assert.True(Value(after, "dotnet_gc_heap_total_allocated_bytes_total") >= allocatedBefore + (1 << 20), after);
        Assert.True(Value(after, "dotnet_jit_compiled_methods_total") > 0);
        Assert.True(Value(after, "dotnet_process_cpu_time_seconds_total{cpu_mode=\"user\"}") > 0);
    }

    [Fact]
    public async Task Metrics_can_be_switched_off()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { Operability = o.Operability with { MetricsEnabled = false } });
        var (response, _) = await node.SendAsync(HttpMethod.Get, "/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_flood_from_one_address_gets_429_problems_with_retry_after_while_a_client_with_a_token_goes_on()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with
        {
            Operability = o.Operability with { AddressPermitsPerSecond = 1, AddressBurst = 3, ClientPermitsPerSecond = 1000, ClientBurst = 1000 },
        });
        await node.Administration.AddTenantAsync("acme", null, publicVerification: false);
        var client = await node.Administration.AddClientAsync("acme", [.. Scopes.All]);
        var token = await node.TokenAsync(client.ClientId, client.ClientSecret); // one of the address's 3

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        JsonElement refusedBody = default;
        for (var i = 0; i < 12; i++)
        {
            var (response, body) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/did.json");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && refused is null)
            {
                (refused, refusedBody) = (response, body);
            }
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.OK, statuses[1]);
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 5, string.Join(",", statuses));
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://tradeproof.dev/problems/too-many-requests", refusedBody.GetProperty("type").GetString());
        Assert.Equal(429, refusedBody.GetProperty("status").GetInt32());
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.ToString());

        // The token's client has its own bucket; health stays unlimited.
        var (authorized, _) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/identifiers/" + Uri.EscapeDataString("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"), token);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, authorized.StatusCode);
        var (health, _) = await node.SendAsync(HttpMethod.Get, "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(Value(await MetricsAsync(node), "tradeproof_node_rate_limited_total{partition=\"address\"}") >= 5);
    }

    [Fact]
    public async Task A_flooding_client_is_limited_by_its_client_id_and_another_client_is_not()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with
        {
            Operability = o.Operability with { ClientPermitsPerSecond = 1, ClientBurst = 2 },
        });
        var greedy = await node.TenantWithTokenAsync("acme");
        var other = await node.Administration.AddClientAsync("acme", [.. Scopes.All]);
        var polite = await node.TokenAsync(other.ClientId, other.ClientSecret);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", greedy, "{}")).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, statuses[0]);
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 3, string.Join(",", statuses));
        var (response, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", polite, "{}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Rate_limiting_can_be_switched_off()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { Operability = o.Operability with { RateLimitEnabled = false, AddressBurst = 1, AddressPermitsPerSecond = 1 } });
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await node.SendAsync(HttpMethod.Get, "/organizations/acme/did.json")).Response.StatusCode);
        }
    }

    [Fact]
    public async Task One_log_line_per_request_with_route_status_tenant_client_and_trace_and_no_secrets_or_bodies()
    {
        var logs = new CapturingLoggerProvider();
        var folder = Path.Combine(Path.GetTempPath(), "tradeproof-node-" + Guid.NewGuid().ToString("N"));
        var app = await TradeproofNode.BuildAsync(new NodeOptions { DataDirectory = folder }, configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        try
        {
            var services = app.Services.GetRequiredService<NodeServices>();
            var admin = new NodeAdministration(services.Store, services.Identity, services.Random);
            await admin.AddTenantAsync("acme", null, publicVerification: false);
            var client = await admin.AddClientAsync("acme", [.. Scopes.All]);
            using var http = app.GetTestClient();
            var token = await NodeTestHost.TokenAsync(http, client.ClientId, client.ClientSecret);

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/organizations/acme/credentials/issue", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            request.Content = new StringContent("{\"credential\":" + NodeTestHost.Credential("Secret coil body") + "}", Encoding.UTF8, "application/json");
            using var issued = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);

            var lines = logs.Lines.Where(l => l.Category == "Tradeproof.Node.Requests").ToList();
            Assert.Equal(2, lines.Count);
            var token_ = lines.Single(l => l.Message.Contains("/oauth/token", StringComparison.Ordinal));
            Assert.Equal("POST", token_.State["Method"]);
            Assert.Equal(200, token_.State["Status"]);
            var issue = lines.Single(l => l.Message.Contains("/credentials/issue", StringComparison.Ordinal));
            Assert.Equal("/organizations/{id}/credentials/issue", issue.State["Route"]);
            Assert.Equal(201, issue.State["Status"]);
            Assert.Equal("acme", issue.State["Tenant"]);
            Assert.Equal(client.ClientId, issue.State["Client"]);
            Assert.Equal("0af7651916cd43dd8448eb211c80319c", issue.State["TraceId"]);
            Assert.IsType<double>(issue.State["DurationMs"]);

            foreach (var line in logs.Lines)
            {
                var text = line.Message + " " + string.Join(" ", line.State.Values);
                Assert.DoesNotContain(client.ClientSecret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(token, text, StringComparison.Ordinal);
                Assert.DoesNotContain(token.Split('.')[1], text, StringComparison.Ordinal);
                Assert.DoesNotContain("Secret coil body", text, StringComparison.Ordinal);
                Assert.DoesNotContain("client_secret", text, StringComparison.Ordinal);
            }
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

    [Fact]
    public async Task The_openapi_document_is_served_and_swagger_ui_comes_from_embedded_assets()
    {
        await using var node = await NodeTestHost.StartAsync();
        var (response, body) = await node.SendAsync(HttpMethod.Get, "/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.1", body.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        using var index = await node.Client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unpkg", html, StringComparison.OrdinalIgnoreCase);
        using var config = await node.Client.GetAsync(new Uri("/swagger/index.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Contains("/openapi.json", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var bundle = await node.Client.GetAsync(new Uri("/swagger/swagger-ui-bundle.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    /// <summary>Every mapped route is in the OpenAPI document with its methods, and every documented operation is
    /// mapped; the failure message lists what is missing on either side.</summary>
    [Fact]
    public async Task Every_mapped_route_is_documented_and_every_documented_path_is_mapped()
    {
        await using var node = await NodeTestHost.StartAsync();
        var mapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in ((IEndpointRouteBuilder)node.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var path = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/').Replace("{**", "{", StringComparison.Ordinal).Replace("{*", "{", StringComparison.Ordinal);
            if (path == "/" || path.StartsWith("/dashboard", StringComparison.Ordinal))
            {
                continue; // the dashboard's HTML pages, not API (docs/dashboard.md)
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                mapped.Add(method.ToUpperInvariant() + " " + path);
            }
        }

        using var document = JsonDocument.Parse(OpenApiDocument.Bytes);
        Assert.Equal("3.1.0", document.RootElement.GetProperty("openapi").GetString());
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(p => p.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                documented.Add(operation.Name.ToUpperInvariant() + " " + path.Name);
                Assert.True(operation.Value.TryGetProperty("responses", out _), $"{operation.Name} {path.Name} has no responses");
                Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{operation.Name} {path.Name} has no operationId");
            }
        }

        var undocumented = mapped.Except(documented).ToList();
        var unmapped = documented.Except(mapped).ToList();
        Assert.True(undocumented.Count == 0 && unmapped.Count == 0,
            "Not in src/Tradeproof.Node/Operability/openapi.json:\n  " + string.Join("\n  ", undocumented)
            + "\nDocumented but not mapped:\n  " + string.Join("\n  ", unmapped));
    }

    [Fact]
    public void Plain_http_is_refused_off_loopback_unless_allowed()
    {
        Assert.False(NodeTls.CheckUrls("http://127.0.0.1:0;http://localhost:5080;http://[::1]:8080", allowRemoteHttp: false));
        Assert.True(NodeTls.CheckUrls("https://0.0.0.0:5443;http://127.0.0.1:5080", allowRemoteHttp: false));
        Assert.Throws<NodeConfigurationException>(() => NodeTls.CheckUrls("http://0.0.0.0:5080", allowRemoteHttp: false));
        Assert.Throws<NodeConfigurationException>(() => NodeTls.CheckUrls("http://*:5080", allowRemoteHttp: false));
        Assert.Throws<NodeConfigurationException>(() => NodeTls.CheckUrls("http://node.example.com:80", allowRemoteHttp: false));
        Assert.Throws<NodeConfigurationException>(() => NodeTls.CheckUrls("ftp://localhost", allowRemoteHttp: false));
        Assert.False(NodeTls.CheckUrls("http://0.0.0.0:5080", allowRemoteHttp: true));
    }

    [Fact]
    public async Task Building_a_node_on_plain_http_off_loopback_fails_before_listening()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tradeproof-node-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Assert.ThrowsAsync<NodeConfigurationException>(() => TradeproofNode.BuildAsync(new NodeOptions { DataDirectory = folder }, "http://0.0.0.0:0"));
        }
        finally
        {
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

    [Fact]
    public void Operability_settings_come_from_configuration_and_malformed_values_are_refused()
    {
        var options = NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?>
        {
            ["Node:Urls"] = "https://0.0.0.0:8443",
            ["Node:AllowRemoteHttp"] = "true",
            ["Node:Https:CertificatePath"] = "/etc/tradeproof/node.pem",
            ["Node:Https:KeyPath"] = "/etc/tradeproof/node.key",
            ["Node:LogFormat"] = "json",
            ["Node:Logging:Requests"] = "false",
            ["Node:Metrics:AllowRemote"] = "true",
            ["Node:RateLimit:ClientPermitsPerSecond"] = "50",
            ["Node:RateLimit:AddressBurst"] = "7",
            ["Node:MaxRequestHeadersBytes"] = "16384",
            ["Node:KeepAliveTimeoutSeconds"] = "30",
            ["Node:MaxConnections"] = "500",
        })).Operability;
        Assert.Equal("https://0.0.0.0:8443", options.Urls);
        Assert.True(options.AllowRemoteHttp);
        Assert.Equal("/etc/tradeproof/node.pem", options.CertificatePath);
        Assert.Equal("/etc/tradeproof/node.key", options.CertificateKeyPath);
        Assert.Equal(NodeLogFormat.Json, options.LogFormat);
        Assert.False(options.RequestLogging);
        Assert.True(options.MetricsAllowRemote);
        Assert.Equal(50, options.ClientPermitsPerSecond);
        Assert.Equal(7, options.AddressBurst);
        Assert.Equal(16384, options.MaxRequestHeadersBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.KeepAliveTimeout);
        Assert.Equal(500, options.MaxConnections);

        foreach (var (key, value) in new[] { ("Node:LogFormat", "xml"), ("Node:RateLimit:Enabled", "maybe"), ("Node:RateLimit:ClientBurst", "0"), ("Node:MaxRequestHeaders", "-1") })
        {
            Assert.Throws<NodeConfigurationException>(() => NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?> { [key] = value })));
        }
    }

    [Fact]
    public async Task Headers_over_the_configured_limit_are_refused_by_the_server()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { Operability = o.Operability with { MaxRequestHeadersBytes = 2048 } });
        var options = node.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value;
        Assert.Equal(2048, options.Limits.MaxRequestHeadersTotalSize);
    }

    private static async Task<string> MetricsAsync(NodeTestHost node)
    {
        using var response = await node.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    // The value of one series line, 0 when absent.
    private static double Value(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    internal sealed record LogLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    internal sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogLine> _lines = new();

        public IReadOnlyList<LogLine> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IReadOnlyList<KeyValuePair<string, object?>> list
                    ? list.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                    : new Dictionary<string, object?>(StringComparer.Ordinal);
                lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception), values));
            }
        }
    }
}
