using System.Net;
using System.Net.Sockets;

namespace Tradeproof.Testing;

/// <summary>Loopback ports for tests.</summary>
public static class FreePort
{
    /// <summary>A loopback TCP port that was free a moment ago (the system picks it; another process may take it before use).</summary>
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A listener holding a loopback port, so that whatever the test starts on that port finds it taken.</summary>
    public static TcpListener Occupied(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }
}
