using System.Runtime.InteropServices;

namespace DnsLb.Transport;

/// <summary>
/// The Linux calls that move many datagrams per system call: <c>recvmmsg(2)</c> (Linux 2.6.33) and
/// <c>sendmmsg(2)</c> (Linux 3.0), from the C library. The arguments are plain numbers and addresses of
/// pinned memory (<see cref="DatagramBatch"/>), so the calls need no marshalling and no unsafe code. Errors
/// come back as errno, sorted here into what a receive loop does about them.
/// </summary>
internal static class LinuxSocketCalls
{
    /// <summary>recvmmsg: block until one datagram is there, then take the others already waiting without blocking.</summary>
    public const int MsgWaitForOne = 0x10000;

    /// <summary>EINTR: a signal came during the call.</summary>
    public const int Interrupted = 4;

    /// <summary>EAGAIN: nothing to receive, or no room to send, on a non-blocking socket.</summary>
    public const int WouldBlock = 11;

    private const string Libc = "libc";

    [DllImport(Libc, EntryPoint = "recvmmsg", SetLastError = true)]
    private static extern int RecvMMsg(int socket, nint messages, uint count, int flags, nint timeout);

    [DllImport(Libc, EntryPoint = "sendmmsg", SetLastError = true)]
    private static extern int SendMMsg(int socket, nint messages, uint count, int flags);

    /// <summary>Datagrams received into <paramref name="messages"/>, or -1 with <paramref name="errno"/> set.</summary>
    public static int Receive(int socket, nint messages, int count, out int errno)
    {
        int received = RecvMMsg(socket, messages, (uint)count, MsgWaitForOne, 0);
        errno = received < 0 ? Marshal.GetLastPInvokeError() : 0;
        return received;
    }

    /// <summary>Datagrams sent from the start of <paramref name="messages"/>, or -1 with <paramref name="errno"/> set (the first one failed).</summary>
    public static int Send(int socket, nint messages, int count, out int errno)
    {
        int sent = SendMMsg(socket, messages, (uint)count, 0);
        errno = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
        return sent;
    }

    /// <summary>What a failed call means for the loop that made it.</summary>
    public static CallFailure Classify(int errno) => errno switch
    {
        // Interrupted by a signal; a full kernel queue or memory pressure; an ICMP error reported on the socket.
        Interrupted or WouldBlock or 12 /* ENOMEM */ or 105 /* ENOBUFS */ or 111 /* ECONNREFUSED */
            or 101 /* ENETUNREACH */ or 113 /* EHOSTUNREACH */ or 90 /* EMSGSIZE */ => CallFailure.Transient,
        9 /* EBADF */ or 88 /* ENOTSOCK */ => CallFailure.Closed,
        // ENOSYS, EPERM (a sandbox that filters the call), EINVAL, EOPNOTSUPP, EFAULT, anything else: not usable here.
        _ => CallFailure.Unsupported,
    };
}

/// <summary>How a failed <see cref="LinuxSocketCalls"/> call is handled.</summary>
internal enum CallFailure
{
    /// <summary>Try again: this datagram (or this wait) failed, the socket still works.</summary>
    Transient,

    /// <summary>The socket is gone: the loop ends.</summary>
    Closed,

    /// <summary>The call does not work on this system (too old a kernel, a sandbox): use the portable path instead.</summary>
    Unsupported,
}
