using System.Runtime.InteropServices;

namespace DnsLb.Transport;

/// <summary>
/// <c>struct iovec</c>: one buffer of a message. Pointer and size_t fields are <see cref="nint"/>/<see cref="nuint"/>,
/// so the layout is the C one on 64-bit and 32-bit Linux alike.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoVector
{
    public nint Base;
    public nuint Length;
}

/// <summary><c>struct msghdr</c> (socket.h), field for field; the padding after NameLength and Flags is the C compiler's too.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MessageHeader
{
    /// <summary>msg_name: the peer's socket address (sockaddr_in or sockaddr_in6).</summary>
    public nint Name;

    /// <summary>msg_namelen: the room for the address on receive, its length once received; its length on send.</summary>
    public uint NameLength;

    public nint Vectors;
    public nuint VectorCount;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary><c>struct mmsghdr</c>: a message header and the bytes the call moved for it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MultiMessageHeader
{
    public MessageHeader Header;

    /// <summary>msg_len: bytes received or sent.</summary>
    public uint Length;
}
