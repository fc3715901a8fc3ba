using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Tradeproof.Dids.Http;
using Tradeproof.Dids.Tests.Web;

namespace Tradeproof.Dids.Tests.Http;

/// <summary>The guarded fetcher on its own, against the real HTTPS test server on loopback.</summary>
public sealed class GuardedHttpFetcherTests(DidWebServer server) : IClassFixture<DidWebServer>
{
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];

    /// <summary>The operator allowlist names <c>localhost</c>; nothing else may reach loopback.</summary>
    private GuardedFetchOptions Options => new()
    {
        LoopbackHostAllowlist = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" },
        HostResolver = (_, _) => Task.FromResult(Loopback),
        ServerCertificateValidation = TrustTestCertificate,
        Timeout = TimeSpan.FromSeconds(2),
    };

    private Uri Https(string path) => new("https://localhost:" + server.HttpsPort.ToString(CultureInfo.InvariantCulture) + path);

    [Fact]
    public async Task Fetches_over_https_with_the_content_type_and_the_accept_order()
    {
        using var fetcher = new GuardedHttpFetcher(Options);

        var result = await fetcher.FetchAsync(Https("/good/did.json"), ["application/did+json", "application/json"]);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(GuardedFetchFailure.None, result.Failure);
        Assert.Equal("application/did+json", result.ContentType);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(server.Did("good"), DidDocument.Parse(result.Body).Id);
        Assert.Equal(result.Body, result.EnsureSuccess());
    }

    [Fact]
    public async Task Hosts_off_the_allowlist_may_not_reach_loopback_and_private_addresses_are_never_allowed()
    {
        var before = server.TotalRequests;
        using var other = new GuardedHttpFetcher(Options with { LoopbackHostAllowlist = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "status.example" } });
        using var privateNet = new GuardedHttpFetcher(Options with { AllowLoopback = true, HostResolver = (_, _) => Task.FromResult(new[] { IPAddress.Parse("172.16.0.1") }) });

        Assert.Equal(GuardedFetchFailure.AddressRefused, (await other.FetchAsync(Https("/good/did.json"))).Failure);
        Assert.Equal(GuardedFetchFailure.AddressRefused, (await privateNet.FetchAsync(Https("/good/did.json"))).Failure);
        Assert.Equal(before, server.TotalRequests);
    }

    [Theory]
    [InlineData("/redirect/did.json", GuardedFetchFailure.Redirect, 302)]
    [InlineData("/error/did.json", GuardedFetchFailure.HttpStatus, 500)]
    [InlineData("/nothing/did.json", GuardedFetchFailure.HttpStatus, 404)]
    public async Task Redirects_and_error_statuses_are_typed_failures(string path, GuardedFetchFailure failure, int status)
    {
        using var fetcher = new GuardedHttpFetcher(Options);

        var result = await fetcher.FetchAsync(Https(path));

        Assert.Equal(failure, result.Failure);
        Assert.Equal(status, result.StatusCode);
        Assert.True(result.Body.IsEmpty);
        Assert.Equal(failure, Assert.Throws<GuardedFetchException>(() => result.EnsureSuccess()).Failure);
    }

    [Fact]
    public async Task Size_cap_and_timeout_are_typed_failures()
    {
        using var capped = new GuardedHttpFetcher(Options with { MaxResponseBytes = 16 * 1024 });
        using var impatient = new GuardedHttpFetcher(Options with { Timeout = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(GuardedFetchFailure.TooLarge, (await capped.FetchAsync(Https("/chunked/did.json"))).Failure);
        Assert.Equal(GuardedFetchFailure.Timeout, (await impatient.FetchAsync(Https("/slow/did.json"))).Failure);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_the_scheme_is_allowed()
    {
        var http = new Uri("http://localhost:" + server.HttpPort.ToString(CultureInfo.InvariantCulture) + "/good/did.json");
        using var httpsOnly = new GuardedHttpFetcher(Options);
        using var httpAllowed = new GuardedHttpFetcher(Options with { AllowedSchemes = new HashSet<string>(StringComparer.Ordinal) { "http" } });

        Assert.Equal(GuardedFetchFailure.UrlRefused, (await httpsOnly.FetchAsync(http)).Failure);
        Assert.True((await httpAllowed.FetchAsync(http)).IsSuccess);
    }

    private bool TrustTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && string.Equals(certificate.GetCertHashString(), server.Certificate.GetCertHashString(), StringComparison.Ordinal);
}
