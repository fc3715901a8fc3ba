using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Tradeproof.Dids;

/// <summary>
/// The did:web resolver: DID to URL, an address check before the request, a guarded HTTPS
/// client that checks every address again at connect time (against DNS rebinding), no
/// redirects, a size cap, a timeout, a TTL cache, and the rule that the document's id equals
/// the DID. Every failure is a result with an error code.
/// </summary>
public sealed class DidWebResolver : IDidMethodResolver, IDisposable
{
    private readonly DidWebOptions _options;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    public DidWebResolver(DidWebOptions? options = null)
    {
        _options = options ?? DidWebOptions.Default;
        _client = new HttpClient(CreateHandler(_options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <inheritdoc />
    public string Method => "web";

    /// <inheritdoc />
    public async ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(options);
        if (!DidMediaTypes.TrySelect(options.Accept, out var contentType))
        {
            return DidResolutionResult.Failure(DidErrorCodes.RepresentationNotSupported, $"The representation '{options.Accept}' is not supported.");
        }

        // Read step 1-5: the URL (syntax errors, IP literals and odd hosts are invalidDid).
        if (!DidWeb.TryGetUrl(did, _options.AllowHttpForLocalhost && _options.AllowLoopback, out var url, out var error))
        {
            return DidResolutionResult.Failure(DidErrorCodes.InvalidDid, error);
        }

        var key = did.ToString();
        var now = _options.TimeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return DidResolutionResult.Success(cached.Document, contentType);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            // Check 1, before any connection: every address of the host must be allowed.
            var refusal = await CheckHostAsync(url.IdnHost, _options, timeout.Token).ConfigureAwait(false);
            if (refusal is not null)
            {
                return DidResolutionResult.Failure(DidErrorCodes.NotFound, refusal);
            }

            var result = await FetchAsync(did, url, timeout.Token).ConfigureAwait(false);
            if (result.Document is null)
            {
                return result.Failure!;
            }

            if (_options.CacheTimeToLive > TimeSpan.Zero)
            {
                if (_cache.Count >= _options.CacheCapacity)
                {
                    _cache.Clear();
                }

                _cache[key] = new CacheEntry(result.Document, now + _options.CacheTimeToLive);
            }

            return DidResolutionResult.Success(result.Document, contentType);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DidResolutionResult.Failure(DidErrorCodes.InternalError, $"The did:web request did not complete within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (GuardRefusedException e)
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, e.Message);
        }
        catch (HttpRequestException e) when (e.InnerException is GuardRefusedException refused)
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, "The did:web host could not be reached: " + (e.HttpRequestError == HttpRequestError.Unknown ? "request failed" : e.HttpRequestError.ToString()) + ".");
        }
        catch (SocketException)
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, "The did:web host could not be resolved.");
        }
    }

    /// <summary>Drops the cached documents.</summary>
    public void ClearCache() => _cache.Clear();

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<FetchResult> FetchAsync(Did did, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(DidMediaTypes.DidJson));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            return FetchResult.Fail(DidErrorCodes.NotFound, $"The did:web server answered with a redirect ({status}); redirects are not followed.");
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return FetchResult.Fail(DidErrorCodes.NotFound, $"The did:web server has no document ({status}).");
        }

        if (!response.IsSuccessStatusCode)
        {
            return FetchResult.Fail(DidErrorCodes.InternalError, $"The did:web server answered {status}.");
        }

        if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            return FetchResult.Fail(DidErrorCodes.InternalError, $"The did:web document is larger than {_options.MaxResponseBytes} bytes.");
        }

        // Read at most MaxResponseBytes + 1 bytes whatever the headers say.
        var buffer = new byte[_options.MaxResponseBytes + 1];
        var length = 0;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }

        if (length > _options.MaxResponseBytes)
        {
            return FetchResult.Fail(DidErrorCodes.InternalError, $"The did:web document is larger than {_options.MaxResponseBytes} bytes.");
        }

        DidDocument document;
        try
        {
            document = DidDocument.Parse(buffer.AsMemory(0, length));
        }
        catch (DidDocumentException e)
        {
            return FetchResult.Fail(DidErrorCodes.InternalError, "The did:web document is not a valid DID document: " + e.Message);
        }

        // The document must describe this DID and no other.
        if (!string.Equals(document.Id, did.ToString(), StringComparison.Ordinal))
        {
            return FetchResult.Fail(DidErrorCodes.NotFound, "The did:web document's id is not the DID that was resolved.");
        }

        return new FetchResult(document, null);
    }

    private static async Task<string?> CheckHostAsync(string host, DidWebOptions options, CancellationToken cancellationToken)
    {
        var addresses = await ResolveHostAsync(host, options, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            return "The did:web host has no address.";
        }

        return addresses.All(a => AddressGuard.IsAllowed(a, options.AllowLoopback))
            ? null
            : "The did:web host resolves to an address that is not public (loopback, private, link-local or reserved).";
    }

    private static Task<IPAddress[]> ResolveHostAsync(string host, DidWebOptions options, CancellationToken cancellationToken) =>
        options.HostResolver is { } resolver ? resolver(host, cancellationToken) : Dns.GetHostAddressesAsync(host, cancellationToken);

    private static SocketsHttpHandler CreateHandler(DidWebOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            MaxResponseHeadersLength = 16, // KiB
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (options.ServerCertificateValidation is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = options.ServerCertificateValidation;
        }

        // Check 2, at connect time: resolve again and connect only to allowed addresses, so a
        // DNS answer that changed since check 1 (rebinding) cannot reach an internal address.
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            if (IPAddress.TryParse(host, out _))
            {
                throw new GuardRefusedException("IP literals are refused.");
            }

            var addresses = await ResolveHostAsync(host, options, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0 || !addresses.All(a => AddressGuard.IsAllowed(a, options.AllowLoopback)))
            {
                throw new GuardRefusedException("The did:web host resolves (at connect time) to an address that is not public.");
            }

            SocketException? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw last ?? new SocketException((int)SocketError.HostNotFound);
        };
        return handler;
    }

    private sealed record CacheEntry(DidDocument Document, DateTimeOffset Expires);

    private sealed record FetchResult(DidDocument? Document, DidResolutionResult? Failure)
    {
        public static FetchResult Fail(string code, string message) => new(null, DidResolutionResult.Failure(code, message));
    }
}

/// <summary>The guard refused to connect to an address.</summary>
internal sealed class GuardRefusedException : IOException
{
    public GuardRefusedException()
    {
    }

    public GuardRefusedException(string message)
        : base(message)
    {
    }

    public GuardRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
