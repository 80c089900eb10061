using System.Net;
using System.Net.Sockets;

namespace DnsLb.Transport;

/// <summary>
/// The portable loop: one blocking receive into a reused buffer and <see cref="SocketAddress"/>, the answer
/// written in place, one send. Blocking span-based calls allocate nothing and cost about half the CPU of the
/// async path per query (measured, see DESIGN.md "Performance").
/// </summary>
internal sealed partial class UdpListener
{
    private const int MaxDatagram = 65535;

    private void RunPortable()
    {
        var receive = new byte[MaxDatagram];
        var send = new byte[MaxDatagram];
        var client = _client = new SocketAddress(socket.AddressFamily);
        while (!_stopping)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(receive, SocketFlags.None, client);
            }
            catch (SocketException) when (!_stopping)
            {
                continue; // e.g. ICMP port unreachable reported on the socket: not our problem.
            }
            catch (Exception) when (_stopping)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            _largestBatch = 1;
            Answering.ClientAddress.TryFromSocketAddress(client, out var address);
            int length = Answer(receive.AsSpan(0, received), send, address);
            if (length == 0)
                continue;
            try
            {
                socket.SendTo(send.AsSpan(0, length), SocketFlags.None, client);
            }
            catch (SocketException)
            {
                // The client went away or the send buffer is full: UDP is best effort.
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }
    }
}
