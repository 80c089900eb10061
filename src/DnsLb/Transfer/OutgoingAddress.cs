using System.Net;
using System.Net.Sockets;

namespace DnsLb.Transfer;

/// <summary>
/// The address this server's own transfer traffic leaves from: SOA checks and transfers to its primaries,
/// NOTIFY to its secondaries. Peers tell us apart by source address (a primary allows transfers to listed
/// secondaries only; a secondary takes NOTIFY from its primaries only), so when DnsLb listens on a single
/// address of a family (<c>Dns:Listen=192.168.0.121</c>, or two instances on one machine at 127.0.0.21 and
/// 127.0.0.22), that is the address its peers know it by, and its requests of that family leave from it, as
/// BIND's <c>transfer-source</c> and Knot's <c>via</c> would make them. Listening on a wildcard or on several
/// addresses of a family leaves the choice to the system (the address of the route to the peer).
/// </summary>
public sealed class OutgoingAddress
{
    /// <summary>The system picks the source address, for every family.</summary>
    public static readonly OutgoingAddress System = new(null, null);

    private readonly IPAddress? _ipv4;
    private readonly IPAddress? _ipv6;

    private OutgoingAddress(IPAddress? ipv4, IPAddress? ipv6)
    {
        _ipv4 = ipv4;
        _ipv6 = ipv6;
    }

    /// <summary>From the listening addresses (<c>Dns:Listen</c>): per family, the one specific address, if there is exactly one.</summary>
    public static OutgoingAddress FromListen(IEnumerable<string> listen)
    {
        var addresses = listen.Select(text => IPAddress.TryParse(text, out var address) ? address : null).OfType<IPAddress>().ToList();
        return new OutgoingAddress(Single(addresses, AddressFamily.InterNetwork), Single(addresses, AddressFamily.InterNetworkV6));
    }

    /// <summary>The address requests to a peer of <paramref name="family"/> leave from; null: the system's choice.</summary>
    public IPAddress? For(AddressFamily family) => family == AddressFamily.InterNetwork ? _ipv4 : family == AddressFamily.InterNetworkV6 ? _ipv6 : null;

    /// <summary>A socket for talking to <paramref name="peer"/>, bound to our address of its family when there is one.</summary>
    public Socket Open(IPEndPoint peer, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(peer.AddressFamily, type, protocol);
        if (For(peer.AddressFamily) is not { } source)
            return socket;
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override string ToString() => $"IPv4 {_ipv4?.ToString() ?? "(system)"}, IPv6 {_ipv6?.ToString() ?? "(system)"}";

    private static IPAddress? Single(List<IPAddress> addresses, AddressFamily family)
    {
        var ofFamily = addresses.Where(a => a.AddressFamily == family).ToList();
        return ofFamily is [var only] && !only.Equals(IPAddress.Any) && !only.Equals(IPAddress.IPv6Any) ? only : null;
    }
}
