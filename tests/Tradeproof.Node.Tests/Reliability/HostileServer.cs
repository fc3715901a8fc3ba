using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// A misbehaving HTTP server on loopback standing in for a did:web host or a status list server. The first path
/// segment of the request names the behaviour: <c>stall</c> (reads the request, never answers), <c>stall-headers</c>
/// (a status line, then nothing), <c>trickle</c> (headers announcing 100,000 bytes, then one byte every 50 ms),
/// <c>huge</c> (a chunked body that never ends), <c>reset</c> (RST after the request), <c>garbage</c> (bytes that are
/// not HTTP), <c>error</c> (503). Connections are held until the client gives up or the server is disposed.
/// </summary>
internal sealed class HostileServer : LoopbackSocketServer
{
    public static readonly string[] Behaviours = ["stall", "stall-headers", "trickle", "huge", "reset", "garbage", "error"];

    private int _open;

    public HostileServer() => StartAccepting();

    /// <summary>Connections not yet closed by either side.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>A loopback port with nothing listening on it (connection refused).</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    protected override void OnAccepted(Socket socket) => _ = Task.Run(() => ServeAsync(socket));

    private async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _open);
        using var _ = socket;
        var token = Stopping;
        try
        {
            var path = await ReadRequestPathAsync(socket, token);
            var behaviour = path.TrimStart('/').Split('/')[0];
            switch (behaviour)
            {
                case "stall":
                    await WaitForCloseAsync(socket, token);
                    break;
                case "stall-headers":
                    await SendAsync(socket, "HTTP/1.1 200 OK\r\n", token);
                    await WaitForCloseAsync(socket, token);
                    break;
                case "trickle":
                    await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", token);
                    for (var i = 0; i < 100_000; i++)
                    {
                        await SendAsync(socket, i == 0 ? "{" : " ", token);
                        await Task.Delay(50, token);
                    }

                    break;
                case "huge":
                    await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", token);
                    var chunk = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{64 * 1024:x}\r\n") + new string(' ', 64 * 1024) + "\r\n");
                    while (true)
                    {
                        await socket.SendAsync(chunk, SocketFlags.None, token);
                    }

                case "reset":
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    break;
                case "garbage":
                    await SendAsync(socket, "\u0016\u0003\u0001 this is not HTTP at all\r\n\r\n", token);
                    break;
                default:
                    await SendAsync(socket, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up (its timeout or size cap), or the server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private static async Task<string> ReadRequestPathAsync(Socket socket, CancellationToken token)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (!Encoding.ASCII.GetString(received.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
            if (read == 0 || received.Count > 64 * 1024)
            {
                throw new IOException("The client closed before its request ended.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var requestLine = Encoding.ASCII.GetString(received.ToArray()).Split("\r\n")[0].Split(' ');
        return requestLine.Length > 1 ? requestLine[1] : "/";
    }

    // Holds the connection until the client closes it (its timeout) or the server stops.
    private static async Task WaitForCloseAsync(Socket socket, CancellationToken token)
    {
        var buffer = new byte[1024];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, token) > 0)
        {
        }
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken token) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, token);
}
