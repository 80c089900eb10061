using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DnsLb.Transport;

/// <summary>
/// Which socket of a SO_REUSEPORT group a datagram goes to: socket <c>ID mod n</c>, by the DNS message's ID (its
/// first two bytes), instead of the kernel's hash of the client's address and port. A classic BPF program
/// attached to the group (SO_ATTACH_REUSEPORT_CBPF, Linux 4.5) makes the choice. Why: clients pick a random ID
/// per query, so every socket's thread gets an even share even when few clients send everything (a router or
/// another resolver forwarding a whole LAN from one or two ports, which the hash would pin to one thread).
/// Choosing by the receiving CPU instead (tried before) kept the threads from taking the CPU from each other
/// when the server was confined to one core, but left the other threads idle whenever the datagrams arrived
/// on one CPU, which is how a one-queue network card (a Pi's) and loopback deliver them: on the lab machine,
/// with dnsperf and DnsLb sharing both cores, by ID answered 20% more queries than by CPU, and as many with
/// DnsLb pinned to one core. A datagram too short to hold an ID goes to the first socket (the program's load
/// fails, which returns 0). Without the program (an older kernel) the kernel's hash spreads the datagrams.
/// </summary>
internal static class ReusePortSteering
{
    private const int SolSocket = 1;
    private const int SoAttachReusePortCbpf = 51;

    // Classic BPF (linux/filter.h). For a reuseport group the kernel runs the program with the packet's data
    // starting after the UDP header: offset 0 is the DNS message. A = the 16-bit ID; A = A mod n; return A.
    private const ushort LoadHalfAbsolute = 0x28;   // BPF_LD | BPF_H | BPF_ABS
    private const ushort ModuloConstant = 0x94;     // BPF_ALU | BPF_MOD | BPF_K
    private const ushort ReturnA = 0x16;            // BPF_RET | BPF_A

    /// <summary>Attaches the program to the group <paramref name="member"/> belongs to (any member will do); false when the kernel refuses it.</summary>
    public static bool TryAttach(Socket member, int groupSize)
    {
        // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }, three of them, in the machine's byte order.
        var program = GC.AllocateArray<byte>(3 * 8, pinned: true);
        WriteInstruction(program.AsSpan(0), LoadHalfAbsolute, 0);
        WriteInstruction(program.AsSpan(8), ModuloConstant, (uint)groupSize);
        WriteInstruction(program.AsSpan(16), ReturnA, 0);

        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: the pointer after padding to its size.
        var header = new byte[2 * IntPtr.Size];
        BitConverter.TryWriteBytes(header, (ushort)3);
        if (IntPtr.Size == 8)
            BitConverter.TryWriteBytes(header.AsSpan(8), (long)Marshal.UnsafeAddrOfPinnedArrayElement(program, 0));
        else
            BitConverter.TryWriteBytes(header.AsSpan(4), (int)Marshal.UnsafeAddrOfPinnedArrayElement(program, 0));
        try
        {
            member.SetRawSocketOption(SolSocket, SoAttachReusePortCbpf, header); // the kernel copies the program during the call
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            GC.KeepAlive(program);
        }
    }

    private static void WriteInstruction(Span<byte> destination, ushort code, uint k)
    {
        BitConverter.TryWriteBytes(destination, code); // jt and jf stay 0
        BitConverter.TryWriteBytes(destination[4..], k);
    }
}
