using System.Net;
using System.Net.Sockets;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>What <see cref="FaultyProxy"/> does to one connection.</summary>
internal enum ProxyFault
{
    /// <summary>Relays both ways.</summary>
    None,

    /// <summary>Resets the client's connection at once: the node never sees the request.</summary>
    ResetBeforeRequest,

    /// <summary>Relays the request, then resets both sides a random 0-30 ms after its first byte (the node may be mid-way).</summary>
    ResetInFlight,

    /// <summary>Relays the request; when the node's response starts, resets the client without relaying any of it.</summary>
    DropResponse,

    /// <summary>Relays part of the node's response (its status line and some headers), then resets the client.</summary>
    CutMidResponse,
}

/// <summary>
/// A TCP proxy on loopback in front of a node that drops connections (RST) before, during and after the node's
/// response, as a flaky network would. Not HTTP-aware: it pumps bytes and decides per connection
/// (the plan, given the connection's number from 1).
/// </summary>
internal sealed class FaultyProxy : LoopbackSocketServer
{
    private readonly DnsEndPoint _target;
    private readonly Func<int, ProxyFault> _plan;
    private readonly Random _random;
    private readonly int[] _counts = new int[Enum.GetValues<ProxyFault>().Length];
    private int _connections;

    public FaultyProxy(Uri target, Func<int, ProxyFault> plan, int seed)
    {
        _target = new DnsEndPoint(target.Host, target.Port);
        _plan = plan;
        _random = new Random(seed);
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        StartAccepting();
    }

    public Uri BaseUrl { get; }

    /// <summary>How many connections got <paramref name="fault"/>.</summary>
    public int Count(ProxyFault fault) => Volatile.Read(ref _counts[(int)fault]);

    protected override void OnAccepted(Socket client)
    {
        var fault = _plan(Interlocked.Increment(ref _connections));
        Interlocked.Increment(ref _counts[(int)fault]);
        int delay;
        lock (_random)
        {
            delay = _random.Next(0, 31);
        }

        _ = Task.Run(() => RelayAsync(client, fault, delay));
    }

    private async Task RelayAsync(Socket client, ProxyFault fault, int delayMilliseconds)
    {
        using var _ = client;
        if (fault == ProxyFault.ResetBeforeRequest)
        {
            Reset(client);
            return;
        }

        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(_target, Stopping);
            var firstByte = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var request = PumpAsync(client, upstream, firstByte);
            switch (fault)
            {
                case ProxyFault.None:
                    await Task.WhenAll(request, PumpAsync(upstream, client, null));
                    break;
                case ProxyFault.ResetInFlight:
                    await firstByte.Task.WaitAsync(TimeSpan.FromSeconds(30), Stopping);
                    await Task.Delay(delayMilliseconds, Stopping);
                    Reset(client);
                    Reset(upstream);
                    break;
                case ProxyFault.DropResponse or ProxyFault.CutMidResponse:
                    var buffer = new byte[64 * 1024];
                    var read = await upstream.ReceiveAsync(buffer, SocketFlags.None, Stopping);
                    if (fault == ProxyFault.CutMidResponse && read > 0)
                    {
                        // The status line and part of the headers or body: never the whole response.
                        await client.SendAsync(buffer.AsMemory(0, Math.Max(1, Math.Min(read / 2, 40))), SocketFlags.None, Stopping);
                    }

                    Reset(client);
                    upstream.Shutdown(SocketShutdown.Both);
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            Reset(client);
        }
    }

    // Copies until either side closes; completes firstByte once something was relayed.
    private static async Task PumpAsync(Socket from, Socket to, TaskCompletionSource? firstByte)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                firstByte?.TrySetResult();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            firstByte?.TrySetResult();
        }
    }

    // RST instead of FIN: linger on with a zero timeout.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
