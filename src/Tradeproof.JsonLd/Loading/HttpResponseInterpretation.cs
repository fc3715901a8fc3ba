using Tradeproof.JsonLd.Iris;

namespace Tradeproof.JsonLd.Loading;

/// <summary>
/// How a loader turns an HTTP response into a <see cref="RemoteDocument"/> (JSON-LD 1.1 API §9.4.1
/// <c>LoadDocumentCallback</c>, steps 2-5): JSON media types are accepted; a non-JSON response with a
/// <c>Link: rel="alternate"; type="application/ld+json"</c> header is replaced by that document; a JSON
/// (not JSON-LD) response may carry one context Link header (<c>multiple context link headers</c> if more).
/// Shared by <see cref="ConfigurableDocumentLoader"/> and the test loader that emulates the suite's HTTP.
/// </summary>
internal static class HttpResponseInterpretation
{
    private const string ContextRel = "http://www.w3.org/ns/json-ld#context";

    /// <summary>What to do with a response.</summary>
    /// <returns>Either a document (<c>Document</c> set) or a URL to load instead (<c>FollowAlternate</c> set).</returns>
    public static (RemoteDocument? Document, string? FollowAlternate) Interpret(
        string documentUrl, string? contentType, IReadOnlyList<string> linkHeaders, ReadOnlyMemory<byte> body)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        string? profile = null;
        if (contentType is not null)
        {
            foreach (var parameter in contentType.Split(';').Skip(1))
            {
                var kv = parameter.Split('=', 2);
                if (kv.Length == 2 && kv[0].Trim() == "profile")
                {
                    profile = kv[1].Trim().Trim('"');
                }
            }
        }

        var links = linkHeaders.SelectMany(ParseLinks).ToList();
        var isJson = mediaType is "application/json" or "application/ld+json" || (mediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false);

        // Step 3: a non-JSON document with an alternate JSON-LD link.
        if (!isJson)
        {
            var alternate = links.FirstOrDefault(l => l.Rel == "alternate" && l.Type == "application/ld+json");
            if (alternate.Target is not null)
            {
                return (null, IriResolver.Resolve(documentUrl, alternate.Target));
            }

            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"not a JSON media type: {contentType} ({documentUrl})");
        }

        // Step 4: a context link on JSON that is not JSON-LD.
        string? contextUrl = null;
        if (mediaType != "application/ld+json")
        {
            var contextLinks = links.Where(l => l.Rel == ContextRel).ToList();
            if (contextLinks.Count > 1)
            {
                throw new JsonLdException(JsonLdErrorCode.MultipleContextLinkHeaders, documentUrl);
            }

            if (contextLinks.Count == 1)
            {
                contextUrl = IriResolver.Resolve(documentUrl, contextLinks[0].Target!);
            }
        }

        return (new RemoteDocument(documentUrl, body, mediaType, contextUrl, profile), null);
    }

    /// <summary>Parses one Link header value (RFC 8288) into (target, rel, type) entries.</summary>
    internal static IEnumerable<(string? Target, string? Rel, string? Type)> ParseLinks(string header)
    {
        foreach (var link in header.Split(','))
        {
            var parts = link.Split(';');
            var target = parts[0].Trim();
            if (!target.StartsWith('<') || !target.EndsWith('>'))
            {
                continue;
            }

            string? rel = null, type = null;
            foreach (var p in parts.Skip(1))
            {
                var kv = p.Split('=', 2);
                if (kv.Length != 2)
                {
                    continue;
                }

                var name = kv[0].Trim().ToLowerInvariant();
                var value = kv[1].Trim().Trim('"');
                if (name == "rel")
                {
                    rel = value;
                }
                else if (name == "type")
                {
                    type = value;
                }
            }

            yield return (target[1..^1], rel, type);
        }
    }
}
