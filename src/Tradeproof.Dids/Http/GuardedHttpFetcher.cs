using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Tradeproof.Dids.Http;

/// <summary>
/// The one HTTP client for run-time network access (did:web documents, status lists). security.md, did:web rules:
/// allowed schemes only (HTTPS by default), no IP literals, every address of the host checked to be public before
/// the request and again at connect time (against DNS rebinding), redirects never followed, no proxy, no cookies,
/// no decompression, a size cap and a timeout. Every failure is a <see cref="GuardedFetchResult"/> with a
/// <see cref="GuardedFetchFailure"/>, never an exception (caller cancellation excepted).
/// </summary>
public sealed class GuardedHttpFetcher : IDisposable
{
    private readonly GuardedFetchOptions _options;
    private readonly HttpClient _client;

    /// <summary>Creates a fetcher with its own connection pool.</summary>
    public GuardedHttpFetcher(GuardedFetchOptions? options = null)
    {
        _options = options ?? GuardedFetchOptions.Default;
        _client = new HttpClient(CreateHandler(_options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>The options in force.</summary>
    public GuardedFetchOptions Options => _options;

    /// <summary>GETs <paramref name="url"/> through the guard.</summary>
    /// <param name="url">An absolute URL with an allowed scheme and a host name.</param>
    /// <param name="accept">Media types for the <c>Accept</c> header, most preferred first (may be empty).</param>
    /// <param name="cancellationToken">Cancels the request (then <see cref="OperationCanceledException"/> is thrown).</param>
    public async ValueTask<GuardedFetchResult> FetchAsync(Uri url, IReadOnlyList<string>? accept = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.UrlRefused, "The URL is not absolute.");
        }

        if (!_options.AllowedSchemes.Contains(url.Scheme))
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.UrlRefused, $"The scheme '{url.Scheme}' is not allowed (allowed: {string.Join(", ", _options.AllowedSchemes)}).");
        }

        if (url.HostNameType is not (UriHostNameType.Dns or UriHostNameType.Basic) || IPAddress.TryParse(url.IdnHost, out _))
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.UrlRefused, "IP literals are refused: the URL must name a host.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            // Check 1, before any connection: every address of the host must be allowed.
            var host = url.IdnHost;
            var addresses = await ResolveHostAsync(host, _options, timeout.Token).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                return GuardedFetchResult.Fail(url, GuardedFetchFailure.Unreachable, "The host has no address.");
            }

            if (!addresses.All(a => AddressGuard.IsAllowed(a, _options.IsLoopbackAllowed(host))))
            {
                return GuardedFetchResult.Fail(url, GuardedFetchFailure.AddressRefused, "The host resolves to an address that is not public (loopback, private, link-local or reserved).");
            }

            return await SendAsync(url, accept ?? [], timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.Timeout, $"The request did not complete within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (GuardRefusedException e)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.AddressRefused, e.Message);
        }
        catch (HttpRequestException e) when (e.InnerException is GuardRefusedException refused)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.AddressRefused, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.Unreachable, "The host could not be reached: " + (e.HttpRequestError == HttpRequestError.Unknown ? "request failed" : e.HttpRequestError.ToString()) + ".");
        }
        catch (SocketException)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.Unreachable, "The host could not be resolved.");
        }
        catch (IOException e)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.Unreachable, "The response could not be read: " + e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<GuardedFetchResult> SendAsync(Uri url, IReadOnlyList<string> accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        for (var i = 0; i < accept.Count; i++)
        {
            // Preference by order: 1, 0.9, 0.8, ... (never below 0.1).
            request.Headers.Accept.Add(i == 0 ? new MediaTypeWithQualityHeaderValue(accept[i]) : new MediaTypeWithQualityHeaderValue(accept[i], Math.Max(0.1, 1 - (0.1 * i))));
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.Redirect, $"The server answered with a redirect ({status}); redirects are not followed.", status);
        }

        if (!response.IsSuccessStatusCode)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.HttpStatus, $"The server answered {status}.", status);
        }

        var max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.TooLarge, $"The response is larger than {max} bytes.", status);
        }

        // Read at most MaxResponseBytes + 1 bytes whatever the headers say.
        var buffer = new byte[max + 1];
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

        if (length > max)
        {
            return GuardedFetchResult.Fail(url, GuardedFetchFailure.TooLarge, $"The response is larger than {max} bytes.", status);
        }

        var cacheControl = response.Headers.CacheControl;
        return new GuardedFetchResult
        {
            Url = url,
            Body = buffer.AsMemory(0, length),
            StatusCode = status,
            ContentType = response.Content.Headers.ContentType?.MediaType,
            MaxAge = cacheControl?.MaxAge,
            NoCache = cacheControl is { NoStore: true } or { NoCache: true },
            Expires = response.Content.Headers.Expires,
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified,
        };
    }

    private static Task<IPAddress[]> ResolveHostAsync(string host, GuardedFetchOptions options, CancellationToken cancellationToken) =>
        options.HostResolver is { } resolver ? resolver(host, cancellationToken) : Dns.GetHostAddressesAsync(host, cancellationToken);

    private static SocketsHttpHandler CreateHandler(GuardedFetchOptions options)
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

        // Check 2, at connect time: resolve again and connect only to allowed addresses, so a DNS answer that
        // changed since check 1 (rebinding) cannot reach an internal address.
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            if (IPAddress.TryParse(host, out _))
            {
                throw new GuardRefusedException("IP literals are refused.");
            }

            var addresses = await ResolveHostAsync(host, options, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0 || !addresses.All(a => AddressGuard.IsAllowed(a, options.IsLoopbackAllowed(host))))
            {
                throw new GuardRefusedException("The host resolves (at connect time) to an address that is not public.");
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
}
