using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DnsLb.Answering;

/// <summary>
/// A client's address as one 128-bit value, IPv4 held in its IPv4-mapped IPv6 form (::ffff:a.b.c.d,
/// RFC 4291 §2.5.5.2), so a dual-stack socket's mapped clients and IPv4 clients are one address. Built from
/// the bytes a listener already has, without allocating.
/// </summary>
public readonly record struct ClientAddress(UInt128 Value)
{
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    /// <summary>From 4 (IPv4) or 16 (IPv6) address bytes in network order.</summary>
    public static ClientAddress FromBytes(ReadOnlySpan<byte> address) => address.Length switch
    {
        4 => new(MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(address)),
        16 => new(BinaryPrimitives.ReadUInt128BigEndian(address)),
        _ => throw new ArgumentException("an address is 4 or 16 bytes", nameof(address)),
    };

    /// <summary>From a socket address as <c>ReceiveFrom</c> fills it (sockaddr_in / sockaddr_in6 layout).</summary>
    public static bool TryFromSocketAddress(SocketAddress address, out ClientAddress client)
    {
        var bytes = address.Buffer.Span;
        switch (address.Family)
        {
            case AddressFamily.InterNetwork when bytes.Length >= 8:
                client = FromBytes(bytes.Slice(4, 4)); // sin_family, sin_port, then sin_addr
                return true;
            case AddressFamily.InterNetworkV6 when bytes.Length >= 24:
                client = FromBytes(bytes.Slice(8, 16)); // family, port, sin6_flowinfo, then sin6_addr
                return true;
            default:
                client = default;
                return false;
        }
    }

    public static ClientAddress FromIPAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        return FromBytes(bytes[..written]);
    }

    public bool IsIPv4 => (Value >> 32) == 0xFFFF;

    /// <summary>The address as .NET holds it: IPv4 as IPv4, never mapped. Allocates: for logs and the transfer paths, not for answers.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return IsIPv4 ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
    }
}
