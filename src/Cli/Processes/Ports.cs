using System.Net;
using System.Net.Sockets;

namespace ApiBuilder.Cli.Processes;

/// <summary>Loopback ports: a free one, or whether one is taken.</summary>
internal static class Ports
{
    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Fails with the fix when <paramref name="port"/> on <paramref name="address"/> is taken.</summary>
    public static void CheckFree(IPAddress address, int port, string flag)
    {
        if (port == 0)
        {
            return;
        }

        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new UserError(
                $"port {port} on {address} is already in use",
                $"Stop the process that listens there, or pass {flag} with a free port (0 picks one)");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AccessDenied)
        {
            throw new UserError($"cannot listen on {address}:{port} ({e.Message})", "Pass --bind-address 127.0.0.1 and a port above 1023");
        }
    }
}
