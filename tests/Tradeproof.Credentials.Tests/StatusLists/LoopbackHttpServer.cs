using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tradeproof.Credentials.Tests.StatusLists;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for the guarded status-list tests: answers each GET from a table of
/// canned responses (one request per connection, <c>Connection: close</c>) and counts requests by path.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Responses by path: status line, headers (without Content-Length unless <see cref="Response.SendLength"/>), body.</summary>
    public ConcurrentDictionary<string, Response> Responses { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests received, by path.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public int TotalRequests => Requests.Values.Sum();

    /// <summary>The URL of <paramref name="path"/> on host <c>localhost</c>.</summary>
    public string Url(string path) => "http://localhost:" + Port.ToString(CultureInfo.InvariantCulture) + path;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
            {
                head.Append((char)buffer[0]);
            }

            var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
            var path = requestLine.Length > 1 ? requestLine[1] : "/";
            Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            var response = Responses.TryGetValue(path, out var found) ? found : new Response("404 Not Found", "", []);
            var text = new StringBuilder("HTTP/1.1 ").Append(response.Status).Append("\r\nConnection: close\r\n");
            foreach (var header in response.Headers)
            {
                text.Append(header).Append("\r\n");
            }

            if (response.SendLength)
            {
                text.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }

            text.Append("\r\n");
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
                await stream.WriteAsync(response.Body);
            }
            catch (IOException)
            {
                // The client stopped reading (size cap): expected.
            }
        }
    }

    /// <summary>A canned response. Without <see cref="SendLength"/> the body ends when the connection closes.</summary>
    public sealed record Response(string Status, string ContentType, byte[] Body, bool SendLength = true, params string[] ExtraHeaders)
    {
        public IEnumerable<string> Headers => (ContentType.Length == 0 ? [] : new[] { "Content-Type: " + ContentType }).Concat(ExtraHeaders);
    }
}
