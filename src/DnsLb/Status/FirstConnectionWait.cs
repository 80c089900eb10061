using System.Net.Sockets;

namespace DnsLb.Status;

/// <summary>
/// Waits, on a small thread of its own, until a listening socket has a connection to accept, without accepting
/// it, then calls back once: the status endpoint starts its HTTP server only then (see <see cref="StatusServer"/>).
/// The socket's readiness has no asynchronous API that leaves the connection in the backlog, hence the thread;
/// it wakes once a second to notice a stop, and ends with the wait.
/// </summary>
internal sealed class FirstConnectionWait
{
    private static readonly TimeSpan StopCheck = TimeSpan.FromSeconds(1);
    private volatile bool _stopped;

    private FirstConnectionWait()
    {
    }

    public static FirstConnectionWait Start(Socket listening, Action arrived)
    {
        var wait = new FirstConnectionWait();
        new Thread(() => wait.Run(listening, arrived), maxStackSize: 256 * 1024) { IsBackground = true, Name = "status-wait" }.Start();
        return wait;
    }

    /// <summary>No callback after this; the thread ends within a second.</summary>
    public void Stop() => _stopped = true;

    private void Run(Socket listening, Action arrived)
    {
        try
        {
            while (!_stopped)
            {
                if (listening.Poll(StopCheck, SelectMode.SelectRead))
                {
                    if (!_stopped)
                        arrived();
                    return;
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // the socket was closed: the host is stopping
        }
    }
}
