using System.Net;
using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Json;
using Tradeproof.JsonLd.Loading;

namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>Document loading: embedded contexts byte-exact, no network by default, allow-listed fetching with a cache.</summary>
public sealed class LoaderTests
{
    public static TheoryData<string> EmbeddedUrls()
    {
        var index = (Dictionary<string, object?>)JsonTree.Parse(File.ReadAllBytes(Tradeproof.Testing.Conformance.PathOf("contexts", "index.json")))!;
        var data = new TheoryData<string>();
        foreach (var url in index.Keys)
        {
            data.Add(url);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EmbeddedUrls))]
    public void Every_shared_context_is_served_byte_exact(string url)
    {
        var index = (Dictionary<string, object?>)JsonTree.Parse(File.ReadAllBytes(Tradeproof.Testing.Conformance.PathOf("contexts", "index.json")))!;
        var expected = File.ReadAllBytes(Tradeproof.Testing.Conformance.PathOf("contexts", (string)index[url]!));
        var document = EmbeddedDocumentLoader.Instance.LoadDocument(url);
        Assert.Equal(url, document.DocumentUrl);
        Assert.Equal(expected, document.Content.ToArray());
    }

    [Fact]
    public void The_default_loader_is_the_embedded_one_and_refuses_unknown_urls_at_once()
    {
        Assert.Same(EmbeddedDocumentLoader.Instance, new JsonLdOptions().DocumentLoader);
        var e = Assert.Throws<JsonLdException>(() => EmbeddedDocumentLoader.Instance.LoadDocument("https://example.com/unknown-context"));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        var processing = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand("""{"@context": "https://example.com/unknown-context", "a": 1}"""));
        Assert.Equal(JsonLdErrorCode.LoadingRemoteContextFailed, processing.Code);
    }

    [Fact]
    public void Configurable_loader_fetches_only_allowed_urls_once()
    {
        var handler = new CountingHandler("""{"@context": {"name": "http://schema.org/name"}}""");
        using var client = new HttpClient(handler);
        var loader = new ConfigurableDocumentLoader(["https://allowed.example/ctx"], client);
        var options = new JsonLdOptions { DocumentLoader = loader };

        var expanded = JsonLdProcessor.Expand("""{"@context": "https://allowed.example/ctx", "name": "A"}""", options);
        Assert.Contains("http://schema.org/name", expanded, StringComparison.Ordinal);
        _ = loader.LoadDocument("https://allowed.example/ctx");
        Assert.Equal(1, handler.Calls);

        var refused = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand("""{"@context": "https://other.example/ctx", "name": "A"}""", options));
        Assert.Equal(JsonLdErrorCode.LoadingRemoteContextFailed, refused.Code);
        Assert.Equal(1, handler.Calls);

        // Embedded contexts never reach the client.
        _ = loader.LoadDocument("https://www.w3.org/ns/credentials/v2");
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void Processed_contexts_are_cached_and_shared()
    {
        var options = new JsonLdOptions();
        var run = new JsonLdRun(options);
        var initial = run.Cache.Initial(null, options);
        var first = ContextProcessing.Process(run, initial, "https://www.w3.org/ns/credentials/v2", null);
        var second = ContextProcessing.Process(new JsonLdRun(options), initial, "https://www.w3.org/ns/credentials/v2", null);
        Assert.Same(first, second);
        Assert.True(first.TryGetTerm("VerifiableCredential", out var vc) && vc.IsProtected);
    }

    private sealed class CountingHandler(string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/ld+json"),
                RequestMessage = request,
            };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
