using System.Net;
using System.Text;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Dids.Http;

namespace Tradeproof.Credentials.Tests.StatusLists;

/// <summary>Status lists fetched through the guarded HTTP client (security.md: did:web and status-list network rules).</summary>
public sealed class GuardedStatusListProviderTests : IAsyncLifetime
{
    private const string Issuer = "did:example:issuer";
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];
    private readonly LoopbackHttpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The operator allowlist: plain HTTP and loopback for host <c>localhost</c> only, DNS pinned to 127.0.0.1.</summary>
    private static GuardedFetchOptions LocalOptions(int maxBytes = 2 << 20) => new()
    {
        MaxResponseBytes = maxBytes,
        AllowedSchemes = new HashSet<string>(StringComparer.Ordinal) { "http" },
        LoopbackHostAllowlist = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" },
        HostResolver = (_, _) => Task.FromResult(Loopback),
    };

    private void Serve(string path, string body, params string[] headers) =>
        _server.Responses[path] = new LoopbackHttpServer.Response("200 OK", "application/vc", Encoding.UTF8.GetBytes(body), true, headers);

    private static async Task<GuardedFetchException> FailsAsync(GuardedStatusListProvider provider, string url) =>
        await Assert.ThrowsAsync<GuardedFetchException>(async () => await provider.FetchAsync(url));

    [Fact]
    public async Task A_published_list_is_fetched_from_an_allowlisted_host_and_the_checker_reads_it()
    {
        var url = _server.Url("/status/1");
        var issuer = new BitstringStatusListIssuer(
            [new StatusListDefinition { Url = url, Purpose = "revocation" }], new InMemoryStatusListStore(), new SequentialStatusIndexSource());
        var entry = (await issuer.AllocateAsync(new CredentialStatusRequest { CredentialId = "urn:uuid:1", Issuer = Issuer, StatusPurposes = ["revocation"] }))[0].Json;
        await issuer.SetStatusAsync(url, 0, 1);
        var published = await issuer.PublishAsync(url, Issuer, TestData.Now.AddDays(-1));
        _server.Responses["/status/1"] = new LoopbackHttpServer.Response("200 OK", "application/vc", published, true, "Cache-Control: max-age=60", "ETag: \"v1\"");
        using var provider = new GuardedStatusListProvider(LocalOptions());
        var checker = new BitstringStatusListChecker(new StatusCheckOptions { Provider = provider, AllowUnverifiedLists = true, TimeProvider = new FixedClock(TestData.Now) });

        var result = await checker.CheckAsync(entry, Issuer);

        Assert.Equal(StatusOutcome.Set, result.Outcome);
        Assert.Equal(1, _server.Requests["/status/1"]);
    }

    [Fact]
    public async Task The_fetcher_returns_content_type_and_caching_headers()
    {
        Serve("/list", "{}", "Cache-Control: max-age=60", "ETag: \"v1\"");
        using var fetcher = new GuardedHttpFetcher(LocalOptions());

        var result = await fetcher.FetchAsync(new Uri(_server.Url("/list")));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal("{}", Encoding.UTF8.GetString(result.Body.Span));
        Assert.Equal("application/vc", result.ContentType);
        Assert.Equal(TimeSpan.FromSeconds(60), result.MaxAge);
        Assert.Equal("\"v1\"", result.ETag);
        Assert.Equal(200, result.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.7")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.1.2.3")]
    public async Task A_host_resolving_to_a_private_or_link_local_address_is_refused_before_any_connection(string address)
    {
        Serve("/list", "{}");
        using var provider = new GuardedStatusListProvider(LocalOptions() with { HostResolver = (_, _) => Task.FromResult(new[] { IPAddress.Parse(address) }) });

        var error = await FailsAsync(provider, _server.Url("/list"));

        Assert.Equal(GuardedFetchFailure.AddressRefused, error.Failure);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task Loopback_is_refused_for_hosts_not_on_the_allowlist()
    {
        Serve("/list", "{}");
        using var provider = new GuardedStatusListProvider(LocalOptions() with { LoopbackHostAllowlist = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "status.example" } });

        Assert.Equal(GuardedFetchFailure.AddressRefused, (await FailsAsync(provider, _server.Url("/list"))).Failure);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task A_dns_answer_that_turns_into_loopback_at_connect_time_is_refused()
    {
        Serve("/list", "{}");
        var calls = 0;
        using var provider = new GuardedStatusListProvider(LocalOptions() with
        {
            LoopbackHostAllowlist = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            HostResolver = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? [IPAddress.Parse("93.184.216.34")] : Loopback),
        });

        var error = await FailsAsync(provider, _server.Url("/list"));

        Assert.Equal(GuardedFetchFailure.AddressRefused, error.Failure);
        Assert.Contains("connect time", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, calls);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_list_over_the_size_cap_is_refused_with_or_without_content_length(bool sendLength)
    {
        _server.Responses["/big"] = new LoopbackHttpServer.Response("200 OK", "application/vc", new byte[4097], sendLength);
        _server.Responses["/fits"] = new LoopbackHttpServer.Response("200 OK", "application/vc", new byte[4096], sendLength);
        using var provider = new GuardedStatusListProvider(LocalOptions(maxBytes: 4096));

        Assert.Equal(GuardedFetchFailure.TooLarge, (await FailsAsync(provider, _server.Url("/big"))).Failure);
        Assert.Equal(4096, (await provider.FetchAsync(_server.Url("/fits"))).Length);
    }

    [Fact]
    public async Task A_redirect_is_refused_and_not_followed()
    {
        Serve("/moved-here", "{}");
        _server.Responses["/list"] = new LoopbackHttpServer.Response("302 Found", "", [], true, "Location: " + _server.Url("/moved-here"));
        using var provider = new GuardedStatusListProvider(LocalOptions());

        var error = await FailsAsync(provider, _server.Url("/list"));

        Assert.Equal(GuardedFetchFailure.Redirect, error.Failure);
        Assert.Equal(302, error.Result.StatusCode);
        Assert.False(_server.Requests.ContainsKey("/moved-here"));
    }

    [Fact]
    public async Task An_http_error_status_is_a_typed_failure()
    {
        using var provider = new GuardedStatusListProvider(LocalOptions());

        var error = await FailsAsync(provider, _server.Url("/missing"));

        Assert.Equal(GuardedFetchFailure.HttpStatus, error.Failure);
        Assert.Equal(404, error.Result.StatusCode);
    }

    [Theory]
    [InlineData("http://status.example/list")]
    [InlineData("https://10.0.0.1/list")]
    [InlineData("https://[::1]/list")]
    [InlineData("ftp://status.example/list")]
    [InlineData("not a url")]
    public async Task The_defaults_refuse_plain_http_ip_literals_and_other_schemes_without_a_lookup(string url)
    {
        using var provider = new GuardedStatusListProvider(GuardedStatusListProvider.DefaultOptions with
        {
            HostResolver = (_, _) => throw new InvalidOperationException("no lookup expected"),
        });

        Assert.Equal(GuardedFetchFailure.UrlRefused, (await FailsAsync(provider, url)).Failure);
    }

    [Fact]
    public async Task A_refused_fetch_is_a_retrieval_error_for_the_checker_never_valid()
    {
        Serve("/list", "{}");
        using var provider = new GuardedStatusListProvider(LocalOptions() with { HostResolver = (_, _) => Task.FromResult(new[] { IPAddress.Parse("10.0.0.7") }) });
        var checker = new BitstringStatusListChecker(new StatusCheckOptions { Provider = provider, AllowUnverifiedLists = true, TimeProvider = new FixedClock(TestData.Now) });
        var entry = System.Text.Json.JsonDocument.Parse($$"""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"3","statusListCredential":"{{_server.Url("/list")}}"}""").RootElement;

        var result = await checker.CheckAsync(entry, Issuer);

        Assert.Equal(StatusOutcome.CouldNotCheck, result.Outcome);
        Assert.Equal(StatusProblemTypes.RetrievalError, result.Problem!.Type);
        Assert.Contains("not public", result.Problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _server.TotalRequests);
    }
}
