using Tradeproof.JsonLd.Loading;

namespace Tradeproof.JsonLd.Tests.Harness;

/// <summary>
/// The suite's document loader: https://w3c.github.io/json-ld-api/tests/&lt;path&gt; is served from
/// shared/conformance/json-ld-api/&lt;path&gt;, with the HTTP behaviour of the suite's server emulated
/// for the case's input document from its <c>option</c>: <c>contentType</c>, <c>httpLink</c>,
/// <c>redirectTo</c> and <c>httpStatus</c> (upstream <c>remote-doc/.htaccess</c> does the same).
/// Other URLs fall back to the embedded contexts; anything else fails like a 404.
/// </summary>
internal sealed class TestDocumentLoader : IDocumentLoader
{
    private readonly ManifestCase? _case;

    public TestDocumentLoader(ManifestCase? testCase = null)
    {
        _case = testCase;
    }

    public RemoteDocument LoadDocument(string url, LoadDocumentOptions? options = null)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            var (document, follow) = LoadOnce(url);
            if (document is not null)
            {
                return document;
            }

            url = follow!;
        }

        throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "too many redirects");
    }

    private (RemoteDocument? Document, string? Follow) LoadOnce(string url)
    {
        if (!url.StartsWith(ManifestCase.BaseIri, StringComparison.Ordinal))
        {
            return (EmbeddedDocumentLoader.Instance.LoadDocument(url), null);
        }

        var relative = url[ManifestCase.BaseIri.Length..];
        var hash = relative.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            relative = relative[..hash];
        }

        string? contentType = null;
        var links = new List<string>();
        if (_case is not null && _case.Input == relative)
        {
            // The emulated response to the case's input URL.
            if (_case.OptionString("redirectTo") is { } redirect)
            {
                return (null, ManifestCase.BaseIri + redirect);
            }

            if (_case.OptionElement("httpStatus") is { } status && status.GetInt32() >= 400)
            {
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"HTTP {status.GetInt32()}");
            }

            contentType = _case.OptionString("contentType");
            if (_case.OptionElement("httpLink") is { } link)
            {
                if (link.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    links.AddRange(link.EnumerateArray().Select(l => l.GetString()!));
                }
                else
                {
                    links.Add(link.GetString()!);
                }
            }
        }

        var path = ManifestCase.PathOf(relative);
        if (!File.Exists(path))
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "404 " + url);
        }

        contentType ??= Path.GetExtension(path) switch
        {
            ".jsonld" => "application/ld+json",
            ".json" => "application/json",
            ".html" => "text/html",
            _ => "application/octet-stream",
        };
        return HttpResponseInterpretation.Interpret(url, contentType, links, File.ReadAllBytes(path));
    }
}
