using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DnsLb.Transport;

/// <summary>
/// Which socket of a SO_REUSEPORT group a datagram goes to: the one of the CPU that received it (socket
/// <c>cpu mod n</c>), instead of a hash of the client's address and port. A classic BPF program attached to the
/// group (SO_ATTACH_REUSEPORT_CBPF, Linux 4.5) makes the choice. Why: with the hash, datagrams received on one
/// CPU wake every socket's thread in turn, and the threads take the CPU from each other for a few datagrams
/// each (measured: 2 sockets on the 2-core lab machine answered 25% fewer queries than 1); by CPU, a thread
/// keeps receiving while datagrams arrive where it runs, and takes them in whole batches. Without the program
/// (an older kernel) the kernel's hash spreads the datagrams as before.
/// </summary>
internal static class ReusePortSteering
{
    private const int SolSocket = 1;
    private const int SoAttachReusePortCbpf = 51;

    // Classic BPF (linux/filter.h): A = the CPU number (an ancillary load); A = A mod n; return A.
    private const ushort LoadWordAbsolute = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort ModuloConstant = 0x94;     // BPF_ALU | BPF_MOD | BPF_K
    private const ushort ReturnA = 0x16;            // BPF_RET | BPF_A
    private const uint AncillaryCpu = 0xFFFFF000 + 36; // SKF_AD_OFF + SKF_AD_CPU

    /// <summary>Attaches the program to the group <paramref name="member"/> belongs to (any member will do); false when the kernel refuses it.</summary>
    public static bool TryAttach(Socket member, int groupSize)
    {
        // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }, three of them, in the machine's byte order.
        var program = GC.AllocateArray<byte>(3 * 8, pinned: true);
        WriteInstruction(program.AsSpan(0), LoadWordAbsolute, AncillaryCpu);
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
