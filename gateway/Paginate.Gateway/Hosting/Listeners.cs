using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Paginate.Gateway.Hosting;

/// <summary>
/// The two Kestrel listeners (<c>Kestrel:Endpoints:Public</c> and <c>Management</c>). Kestrel writes the
/// bound address back into the listen options, so with port 0 the real port is known once started; a
/// request's local port tells which listener it came in on.
/// </summary>
public sealed class Listeners
{
    public const string PublicName = "Public";
    public const string ManagementName = "Management";

    private volatile ListenOptions? _public;
    private volatile ListenOptions? _management;
    private bool _publicHttps;
    private bool _managementHttps;

    internal void SetPublic(ListenOptions options, bool https)
    {
        _publicHttps = https;
        _public = options;
    }

    internal void SetManagement(ListenOptions options, bool https)
    {
        _managementHttps = https;
        _management = options;
    }

    /// <summary>The management listener's bound port; null when no management listener is configured.</summary>
    public int? ManagementPort => (_management?.EndPoint as IPEndPoint)?.Port;

    /// <summary>Base URL of the public listener once started (e.g. <c>http://127.0.0.1:41234</c>).</summary>
    public Uri? PublicUrl => UrlOf(_public, _publicHttps);

    /// <summary>Base URL of the management listener once started.</summary>
    public Uri? ManagementUrl => UrlOf(_management, _managementHttps);

    private static Uri? UrlOf(ListenOptions? options, bool https)
    {
        if (options?.EndPoint is not IPEndPoint endPoint || endPoint.Port == 0)
        {
            return null;
        }

        var host = endPoint.Address.Equals(IPAddress.Any) ? "127.0.0.1"
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]"
            : endPoint.Address.ToString();
        var scheme = https ? "https" : "http";
        return new Uri($"{scheme}://{host}:{endPoint.Port}/");
    }
}
