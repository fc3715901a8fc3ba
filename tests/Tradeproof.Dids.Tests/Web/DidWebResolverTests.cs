using System.Net;
using System.Net.Security;

namespace Tradeproof.Dids.Tests.Web;

/// <summary>did:web resolved from a real HTTPS server on loopback, including hostile servers and DNS.</summary>
public sealed class DidWebResolverTests(DidWebServer server) : IClassFixture<DidWebServer>
{
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];

    private DidWebOptions TestOptions => new()
    {
        AllowLoopback = true,
        HostResolver = (_, _) => Task.FromResult(Loopback),
        ServerCertificateValidation = TrustTestCertificate,
        // Generous: on a loaded machine a TLS handshake alone can take seconds, and tests other than the timeout one
        // (which sets its own 500 ms) must hit the limit they test, not the clock.
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Resolves_a_document_over_https()
    {
        using var web = new DidWebResolver(TestOptions);
        var resolver = new DidResolver([web]);
        foreach (var did in new[] { server.Did(), server.Did("good"), server.Did("org", "customs") })
        {
            var result = await resolver.ResolveAsync(did);
            Assert.True(result.IsSuccess, result.Error + ": " + result.DidResolutionMetadata.ErrorMessage);
            Assert.Equal(did, result.DidDocument!.Id);
            Assert.Equal(server.Key.PublicKey, result.DidDocument.FindVerificationMethod("#key-1")!.GetPublicKey());
        }

        var method = await resolver.ResolveVerificationMethodAsync(server.Did("good") + "#key-1", VerificationRelationships.AssertionMethod);
        Assert.True(method.IsSuccess, method.ErrorMessage);
        Assert.True(method.VerificationMethod!.GetPublicKey().Verify("m"u8, server.Key.Sign("m"u8)));
    }

    [Fact]
    public async Task Documents_are_cached_for_their_time_to_live()
    {
        var clock = new ManualClock();
        using var web = new DidWebResolver(TestOptions with { TimeProvider = clock, CacheTimeToLive = TimeSpan.FromMinutes(5) });
        var resolver = new DidResolver([web]);
        var did = server.Did("org", "customs");
        var before = Count("/org/customs/did.json");

        Assert.True((await resolver.ResolveAsync(did)).IsSuccess);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await resolver.ResolveAsync(did)).IsSuccess);
        Assert.Equal(before + 1, Count("/org/customs/did.json"));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await resolver.ResolveAsync(did)).IsSuccess);
        Assert.Equal(before + 2, Count("/org/customs/did.json"));
    }

    [Fact]
    public async Task Loopback_is_refused_unless_the_operator_allows_it()
    {
        using var web = new DidWebResolver(TestOptions with { AllowLoopback = false });
        var before = server.TotalRequests;
        var result = await new DidResolver([web]).ResolveAsync(server.Did("good"));
        Assert.Equal(DidErrorCodes.NotFound, result.Error);
        Assert.Equal(before, server.TotalRequests);
    }

    [Fact]
    public async Task Dns_rebinding_to_loopback_is_refused_at_connect_time()
    {
        // First answer public (passes the check before the request), second answer loopback.
        var calls = 0;
        var options = TestOptions with
        {
            AllowLoopback = false,
            HostResolver = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new[] { IPAddress.Parse("93.184.216.34") } : Loopback),
        };
        using var web = new DidWebResolver(options);
        var before = server.TotalRequests;
        var result = await new DidResolver([web]).ResolveAsync(server.Did("good"));
        Assert.Equal(DidErrorCodes.NotFound, result.Error);
        Assert.Contains("connect time", result.DidResolutionMetadata.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, calls);
        Assert.Equal(before, server.TotalRequests);
    }

    [Theory]
    [InlineData("10.0.0.7")]
    [InlineData("169.254.169.254")]
    [InlineData("192.168.0.1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    public async Task Private_and_link_local_answers_are_refused_before_connecting(string address)
    {
        var calls = 0;
        var options = TestOptions with
        {
            HostResolver = (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(new[] { IPAddress.Parse(address) });
            },
        };
        using var web = new DidWebResolver(options);
        var result = await new DidResolver([web]).ResolveAsync(server.Did("good"));
        Assert.Equal(DidErrorCodes.NotFound, result.Error);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_mixed_answer_with_one_private_address_is_refused()
    {
        var options = TestOptions with { HostResolver = (_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.Parse("10.0.0.1") }) };
        using var web = new DidWebResolver(options);
        var before = server.TotalRequests;
        Assert.Equal(DidErrorCodes.NotFound, (await new DidResolver([web]).ResolveAsync(server.Did("good"))).Error);
        Assert.Equal(before, server.TotalRequests);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        using var web = new DidWebResolver(TestOptions);
        var good = Count("/good/did.json");
        var result = await new DidResolver([web]).ResolveAsync(server.Did("redirect"));
        Assert.Equal(DidErrorCodes.NotFound, result.Error);
        Assert.Contains("redirect", result.DidResolutionMetadata.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(good, Count("/good/did.json"));
    }

    [Theory]
    [InlineData("big")]
    [InlineData("chunked")]
    public async Task Oversized_documents_are_refused(string path)
    {
        using var web = new DidWebResolver(TestOptions with { MaxResponseBytes = 16 * 1024 });
        var result = await new DidResolver([web]).ResolveAsync(server.Did(path));
        Assert.Equal(DidErrorCodes.InternalError, result.Error);
        Assert.Contains("larger than", result.DidResolutionMetadata.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_servers_time_out()
    {
        using var web = new DidWebResolver(TestOptions with { Timeout = TimeSpan.FromMilliseconds(500) });
        var result = await new DidResolver([web]).ResolveAsync(server.Did("slow"));
        Assert.Equal(DidErrorCodes.InternalError, result.Error);
        Assert.Contains("did not complete", result.DidResolutionMetadata.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mismatch", DidErrorCodes.NotFound)]
    [InlineData("notjson", DidErrorCodes.InternalError)]
    [InlineData("error", DidErrorCodes.InternalError)]
    [InlineData("missing", DidErrorCodes.NotFound)]
    public async Task Bad_answers_give_error_codes(string path, string code)
    {
        using var web = new DidWebResolver(TestOptions);
        var result = await new DidResolver([web]).ResolveAsync(server.Did(path));
        Assert.Equal(code, result.Error);
        Assert.Null(result.DidDocument);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_without_a_request()
    {
        using var web = new DidWebResolver(TestOptions with { ServerCertificateValidation = null });
        var before = server.TotalRequests;
        var result = await new DidResolver([web]).ResolveAsync(server.Did("good"));
        Assert.Equal(DidErrorCodes.InternalError, result.Error); // unreachable (TLS refused): could not check, not absent
        Assert.Equal(before, server.TotalRequests);
    }

    [Fact]
    public async Task Plain_http_only_for_localhost_when_enabled()
    {
        var did = DidWebServer.Did(server.HttpPort, "good");
        using var httpsOnly = new DidWebResolver(TestOptions);
        Assert.Equal(DidErrorCodes.InternalError, (await new DidResolver([httpsOnly]).ResolveAsync(did)).Error); // no TLS there: unreachable

        using var http = new DidWebResolver(TestOptions with { AllowHttpForLocalhost = true });
        var result = await new DidResolver([http]).ResolveAsync(did);
        Assert.True(result.IsSuccess, result.DidResolutionMetadata.ErrorMessage);
        Assert.Equal(did, result.DidDocument!.Id);
    }

    [Fact]
    public async Task Ip_literal_dids_never_reach_the_network()
    {
        using var web = new DidWebResolver(TestOptions with { HostResolver = (_, _) => throw new InvalidOperationException("no lookup expected") });
        var before = server.TotalRequests;
        var result = await new DidResolver([web]).ResolveAsync("did:web:127.0.0.1%3A" + server.HttpsPort + ":good");
        Assert.Equal(DidErrorCodes.InvalidDid, result.Error);
        Assert.Equal(before, server.TotalRequests);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_and_is_not_an_error_result()
    {
        using var web = new DidWebResolver(TestOptions with { Timeout = TimeSpan.FromSeconds(10) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new DidResolver([web]).ResolveAsync(server.Did("slow"), null, cancellation.Token));
    }

    private int Count(string path) => server.Requests.GetValueOrDefault(path);

    private bool TrustTestCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && string.Equals(certificate.GetCertHashString(), server.Certificate.GetCertHashString(), StringComparison.Ordinal);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
