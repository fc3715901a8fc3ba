using System.Net;
using System.Net.Sockets;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// A raw TCP server on a loopback port for fault tests (<see cref="FaultyProxy"/>, <see cref="HostileServer"/>): it
/// accepts until disposed and hands each connection to <see cref="OnAccepted"/>, in accept order.
/// </summary>
internal abstract class LoopbackSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    protected LoopbackSocketServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts accepting; called by the derived constructor once its own state is set.</summary>
    protected void StartAccepting() => _accepting = AcceptAsync();

    /// <summary>Takes one accepted connection (synchronously: start its work on the thread pool).</summary>
    protected abstract void OnAccepted(Socket socket);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            OnAccepted(await _listener.AcceptSocketAsync(_stop.Token));
        }
    }
}
