using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tradeproof.Json;

namespace Tradeproof.Node;

/// <summary>
/// Reads request bodies within the node's limits: the content type first (415), then the declared and the actual
/// length (413, before anything is parsed), then strict JSON (duplicate keys, depth, sizes: 400).
/// </summary>
internal sealed class RequestBody(NodeOptions options)
{
    private readonly StrictJsonOptions _json = new() { MaxDepth = options.MaxJsonDepth };

    /// <summary>The strict JSON limits <see cref="ReadJsonAsync"/> parses with (a verifier handed the parse checks them).</summary>
    public StrictJsonOptions Json => _json;

    /// <summary>The body as strictly parsed JSON (a clone that outlives the buffer), and its original bytes.</summary>
    public async Task<(JsonElement Root, byte[] Bytes)> ReadJsonAsync(HttpContext context)
    {
        RequireMediaType(context, "application/json", alsoSuffix: "+json");
        var bytes = await ReadBytesAsync(context).ConfigureAwait(false);
        try
        {
            var root = StrictJson.ParseElement(bytes, _json);
            return (root, bytes);
        }
        catch (JsonInputException e)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The body is not acceptable JSON: " + e.Message));
        }
    }

    /// <summary>The body as an <c>application/x-www-form-urlencoded</c> form (OAuth token requests).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadFormAsync(HttpContext context)
    {
        RequireMediaType(context, "application/x-www-form-urlencoded", alsoSuffix: null);
        var bytes = await ReadBytesAsync(context).ConfigureAwait(false);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + text))
        {
            // RFC 6749 §3.2: request parameters must not be included more than once.
            if (pair.Value.Count != 1)
            {
                throw new ApiProblemException(ApiProblem.BadRequest($"The form parameter '{pair.Key}' is repeated.") with { OAuthError = "invalid_request" });
            }

            result[pair.Key] = pair.Value.ToString();
        }

        return result;
    }

    private static void RequireMediaType(HttpContext context, string expected, string? alsoSuffix)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            throw new ApiProblemException(ApiProblem.UnsupportedMediaType(expected));
        }

        var media = parsed.MediaType.Value ?? string.Empty;
        var fits = string.Equals(media, expected, StringComparison.OrdinalIgnoreCase)
            || (alsoSuffix is not null && media.EndsWith(alsoSuffix, StringComparison.OrdinalIgnoreCase));
        if (!fits)
        {
            throw new ApiProblemException(ApiProblem.UnsupportedMediaType(expected));
        }
    }

    /// <summary>The largest declared body read into an array of its declared size before any of it arrived.</summary>
    private const long PresizedBodyBytes = 64 * 1024;

    private async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        var limit = options.MaxRequestBodyBytes;
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            throw new ApiProblemException(ApiProblem.TooLarge(limit));
        }

        var body = context.Request.Body;

        // A declared length up to 64 KiB is read into an array of that size at once; a larger one grows with the bytes
        // that actually arrive, so a client that declares a large body and trickles it holds no more memory than it sent.
        if (context.Request.ContentLength is { } length && length <= PresizedBodyBytes)
        {
            return await ReadDeclaredAsync(context, body, (int)length, limit).ConfigureAwait(false);
        }

        return await ReadOnAsync(context, body, new ArrayBufferWriter<byte>(4096), limit).ConfigureAwait(false);
    }

    // Reads the rest of the body after what <paramref name="buffer"/> holds, up to the limit (then 413).
    private static async Task<byte[]> ReadOnAsync(HttpContext context, Stream body, ArrayBufferWriter<byte> buffer, long limit)
    {
        try
        {
            while (buffer.WrittenCount <= limit)
            {
                var read = await body.ReadAsync(buffer.GetMemory(8192), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
            }

            throw new ApiProblemException(ApiProblem.TooLarge(limit));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiProblemException(ApiProblem.TooLarge(limit));
        }
    }

    // A declared length (within the limit, checked above): read straight into an array of that size (no growing buffer
    // and no final copy). Kestrel holds the body to its Content-Length; should a host not, what is read is the same as
    // the unsized loop gives (a shorter body as it came, a longer one read on until the limit).
    private static async Task<byte[]> ReadDeclaredAsync(HttpContext context, Stream body, int length, long limit)
    {
        var bytes = length == 0 ? [] : new byte[length];
        var filled = 0;
        try
        {
            while (filled < length)
            {
                var read = await body.ReadAsync(bytes.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    return bytes[..filled];
                }

                filled += read;
            }

            var probe = new byte[1];
            var extra = await body.ReadAsync(probe, context.RequestAborted).ConfigureAwait(false);
            if (extra == 0)
            {
                return bytes;
            }

            var rest = new ArrayBufferWriter<byte>(length + 8192);
            rest.Write(bytes);
            rest.Write(probe);
            return await ReadOnAsync(context, body, rest, limit).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiProblemException(ApiProblem.TooLarge(limit));
        }
    }
}
