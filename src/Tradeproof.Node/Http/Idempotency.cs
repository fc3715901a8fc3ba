using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>A response an idempotent effect produces (stored and replayed byte for byte under its key).</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Body">The body.</param>
/// <param name="Location">A <c>Location</c> header, sent with the first answer (a replay repeats status, content type and body only).</param>
public sealed record IdempotentResponse(int StatusCode, string ContentType, byte[] Body, string? Location = null);

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header) for POST endpoints with an
/// effect. The effect runs in one store transaction together with claiming the key and storing its response:
/// the same key with the same request (method, path and body bytes) has one effect and later gets the stored
/// response again, byte for byte, with <c>Idempotent-Replayed: true</c>; the same key with another request is 422;
/// a request still running under the key (claimed outside this node's transaction) is 409; concurrent duplicates
/// wait on the store and then replay. Without the header the effect simply runs in its own transaction. A refused
/// request (a problem) stores nothing, so its key can be used again. Keys are per tenant, 1-255 visible ASCII
/// characters (an RFC 8941 string in quotes is accepted too).
/// </summary>
public static class Idempotency
{
    /// <summary>The request header.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The response header marking a replayed response.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>Runs <paramref name="effect"/> once per idempotency key and writes its response (or the stored one).</summary>
    /// <param name="context">The request.</param>
    /// <param name="store">The store.</param>
    /// <param name="tenantId">The tenant the key belongs to.</param>
    /// <param name="body">The request body's bytes, as received.</param>
    /// <param name="effect">The effect: writes only through the given unit of work, and returns the response.</param>
    /// <param name="afterCommit">Runs once the effect is committed, before the response is written (e.g. dropping caches).</param>
    public static async Task RunAsync(HttpContext context, ITradeproofStore store, string tenantId, ReadOnlyMemory<byte> body, Func<IStoreTransaction, Task<IdempotentResponse>> effect, Action? afterCommit = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(effect);
        var key = ReadKey(context.Request);
        var cancellationToken = context.RequestAborted;
        IdempotentResponse response;
        await using (var unit = await store.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            if (key is not null)
            {
                var claim = await unit.Idempotency.ClaimAsync(tenantId, key, RequestHash(context.Request, body.Span), cancellationToken).ConfigureAwait(false);
                switch (claim.Outcome)
                {
                    case IdempotencyOutcome.Replay when claim.Response is { } stored:
                        context.Response.Headers[ReplayedHeaderName] = "true";
                        await JsonResponse.WriteBytesAsync(context, stored.StatusCode, stored.Body, stored.ContentType ?? "application/json").ConfigureAwait(false);
                        return;
                    case IdempotencyOutcome.Mismatch:
                        throw new ApiProblemException(new ApiProblem(422, ApiProblem.TypeBase + "idempotency-key-reused", "The idempotency key was used for another request.", $"The key '{key}' was first used with a different method, path or body; use a new key for a new request."));
                    case IdempotencyOutcome.InProgress or IdempotencyOutcome.Replay:
                        throw new ApiProblemException(new ApiProblem(409, ApiProblem.TypeBase + "idempotency-key-in-use", "A request with this idempotency key is still being processed.", $"Retry the request with the key '{key}' later."));
                }
            }

            response = await effect(unit).ConfigureAwait(false);
            if (key is not null && !await unit.Idempotency.CompleteAsync(tenantId, key, new StoredResponse(response.StatusCode, response.ContentType, response.Body), cancellationToken).ConfigureAwait(false))
            {
                throw new StoreException(StoreErrorKind.ConstraintViolation, $"The idempotency key '{key}' could not be completed.");
            }

            await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        afterCommit?.Invoke();

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        await JsonResponse.WriteBytesAsync(context, response.StatusCode, response.Body, response.ContentType).ConfigureAwait(false);
    }

    /// <summary>The key of the request, null when it has none.</summary>
    /// <exception cref="ApiProblemException">400 for a repeated or malformed header.</exception>
    public static string? ReadKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return null;
        }

        var text = values.Count == 1 ? values[0] ?? string.Empty : throw new ApiProblemException(ApiProblem.BadRequest($"Send one {HeaderName} header."));
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        return text.Length is > 0 and <= 255 && text.All(c => c is >= '!' and <= '~')
            ? text
            : throw new ApiProblemException(ApiProblem.BadRequest($"{HeaderName} must be 1 to 255 visible ASCII characters."));
    }

    // What "the same request" means: method, path and the body's bytes.
    private static byte[] RequestHash(HttpRequest request, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path.Value + "\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }
}
