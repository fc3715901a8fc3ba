using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Tradeproof.Node.Tests;

/// <summary>
/// A real <c>tradeproof serve</c> process (<c>dotnet tradeproof.dll serve ...</c>) on a free loopback port. Its output is
/// drained in the background (a full pipe would stall the node); <see cref="KillHardAsync"/> is SIGKILL.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors;

    private NodeProcess(Process process, Uri baseUrl, ConcurrentQueue<string> errors)
    {
        _process = process;
        _errors = errors;
        BaseUrl = baseUrl;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    /// <summary>What the node wrote to standard error so far (for assertion messages).</summary>
    public string Errors => string.Join('\n', _errors);

    /// <summary>Starts <c>serve</c> with <paramref name="arguments"/> and <paramref name="environment"/> and waits until it listens.</summary>
    public static async Task<NodeProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = TradeproofProcess.Start(["serve", "--urls", "http://127.0.0.1:0", .. arguments], environment);
        var errors = new ConcurrentQueue<string>();
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                errors.Enqueue(line);
            }
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        const string marker = "tradeproof: node listening on ";
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    var node = new NodeProcess(process, new Uri(line[marker.Length..]), errors);
                    _ = Task.Run(async () =>
                    {
                        while (await process.StandardOutput.ReadLineAsync() is not null)
                        {
                        }
                    });
                    return node;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await stderr;
        process.Dispose();
        throw new InvalidOperationException("serve did not start listening: " + string.Join('\n', errors));
    }

    /// <summary>Runs another verb (<c>tenant add</c>, <c>client add</c>) to completion; its standard output.</summary>
    public static Task<string> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        TradeproofProcess.RunOkAsync(arguments, environment);

    /// <summary>SIGKILL: no shutdown code runs, as with <c>kill -9</c>.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>A token for the client (client credentials grant).</summary>
    public Task<string> TokenAsync(string clientId, string secret) => NodeTestHost.TokenAsync(Http, clientId, secret);

    /// <summary>Sends a request; the status and the body text (empty when none).</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? token, string? json = null, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
