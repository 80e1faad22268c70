using System.Net;
using System.Net.Sockets;

namespace Paginate.Bench.Harness;

/// <summary>Free loopback ports for the servers the benchmark starts.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
