using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// A small client of a Tradeproof node's API for read verbs (<c>twin show --node</c>): a bearer token given with
/// <c>--token</c> or obtained with <c>--client</c> and its secret (OAuth 2.0 client credentials), GET requests with
/// JSON answers, RFC 9457 problems turned into one error line. Only loopback nodes unless <c>--allow-network</c>;
/// http or https only, no redirects, a timeout and a size cap.
/// </summary>
internal sealed class NodeApiClient : IDisposable
{
    private const int MaxResponseBytes = 16 * 1024 * 1024;
    private readonly HttpClient _http;
    private readonly Uri _base;
    private string? _token;

    private NodeApiClient(Uri baseUri, string? token)
    {
        _base = baseUri;
        _token = token;
#pragma warning disable CA2000 // The handler is owned by the client (disposeHandler: true).
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) }, disposeHandler: true)
        {
            Timeout = TimeSpan.FromSeconds(30),
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
#pragma warning restore CA2000
    }

    /// <summary>Checks the node URL (scheme, loopback unless allowed) and builds the client.</summary>
    public static NodeApiClient Create(string nodeUrl, string? token, bool allowNetwork)
    {
        if (!Uri.TryCreate(nodeUrl.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new CliInputException($"--node must be an http or https URL without query or credentials: {nodeUrl}");
        }

        if (!allowNetwork && !IsLoopback(uri))
        {
            throw new CliInputException($"{uri.Host} is not a loopback address: give --allow-network to read from a node elsewhere");
        }

        return new NodeApiClient(uri, token);
    }

    /// <summary>Gets a token with the client credentials grant (scope optional), unless one was given.</summary>
    public async Task EnsureTokenAsync(string? clientId, string? clientSecret, string scope, CancellationToken cancellationToken)
    {
        if (_token is not null)
        {
            return;
        }

        if (clientId is null || clientSecret is null)
        {
            throw new CliInputException("give --token, or --client with --client-secret (or TRADEPROOF_CLIENT_SECRET)");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = scope,
        });
        using var response = await _http.PostAsync(new Uri(_base, _base.AbsolutePath.TrimEnd('/') + "/oauth/token"), form, cancellationToken).ConfigureAwait(false);
        using var body = await ReadAsync(response, "the token endpoint", cancellationToken).ConfigureAwait(false);
        _token = body.RootElement.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : throw new CliInputException("the token endpoint answered without an access_token");
    }

    /// <summary>GETs a path under the node's URL; a problem answer is a <see cref="CliInputException"/> naming its status and detail.</summary>
    public Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken);

    /// <summary>Sends a request (with a JSON body, when given) to a path under the node's URL; problems as for <see cref="GetAsync"/>.</summary>
    public async Task<JsonDocument> SendAsync(HttpMethod method, string pathAndQuery, byte[]? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, _base.AbsolutePath.TrimEnd('/') + pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, pathAndQuery, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException) when (!response.IsSuccessStatusCode)
        {
        }
        catch (JsonException e)
        {
            throw new CliInputException($"the node's answer to {what} is not JSON: {e.Message}");
        }

        if (response.IsSuccessStatusCode && document is not null)
        {
            return document;
        }

        using (document)
        {
            var detail = document is { RootElement.ValueKind: JsonValueKind.Object } d && d.RootElement.TryGetProperty("detail", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString()
                : document is { RootElement.ValueKind: JsonValueKind.Object } e && e.RootElement.TryGetProperty("error_description", out var y) && y.ValueKind == JsonValueKind.String ? y.GetString()
                : response.ReasonPhrase;
            throw new CliInputException($"the node answered {(int)response.StatusCode} to {what}: {detail}");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
