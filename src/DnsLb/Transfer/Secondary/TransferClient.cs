using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Transfers a zone from a primary over TCP: AXFR (RFC 5936), or IXFR (RFC 1995) from the version we hold,
/// signed with TSIG when a key is set. Every message goes through a <see cref="TransferStreamReader"/>; a cut
/// connection, a timeout or any bad message fails the whole attempt. Only the result's content is kept.
/// </summary>
internal sealed class TransferClient(TimeProvider time, TransferClientLimits limits, OutgoingAddress? source = null)
{
    public async Task<TransferAttempt> TransferAsync(IPEndPoint primary, DnsName zone, Zone? current, TsigKey? key, CancellationToken cancellationToken)
    {
        var type = current is null ? RecordType.AXFR : RecordType.IXFR;
        ushort id = TransferQuery.NewId();
        var buffer = new byte[TransferQuery.MaxSize];
        int length = TransferQuery.Write(buffer, id, zone, type, current is null ? null : ZoneRecords.SoaRecord(current), key, time, out var tsig);
        using var exchange = tsig;
        var reader = new TransferStreamReader(zone, type, id, current?.Serial, exchange);
        using var total = new CancellationTokenSource(limits.Total, time);
        using var idle = new CancellationTokenSource(limits.Connect, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token, idle.Token);
        try
        {
            using var socket = (source ?? OutgoingAddress.System).Open(primary, SocketType.Stream, ProtocolType.Tcp);
            socket.NoDelay = true;
            await socket.ConnectAsync(primary, linked.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            idle.CancelAfter(limits.Idle);
            await DnsTcpFraming.WriteAsync(stream, buffer.AsMemory(0, length), linked.Token);
            while (true)
            {
                idle.CancelAfter(limits.Idle);
                var message = await DnsTcpFraming.ReadAsync(stream, linked.Token);
                var feed = message is null ? reader.End() : reader.Feed(message);
                if (feed == TransferFeed.Complete)
                    return new TransferAttempt(reader.Content, null, reader.Messages);
                if (feed == TransferFeed.Failed)
                {
                    return new TransferAttempt(null, reader.Error, reader.Messages)
                    {
                        IxfrUnsupported = type == RecordType.IXFR && reader.Messages == 1 && message is not null && Rcode(message) is ResponseCode.NotImp or ResponseCode.FormErr,
                    };
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TransferAttempt(null, total.IsCancellationRequested ? $"the transfer took longer than {limits.Total}" : "the primary went silent", reader.Messages);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return new TransferAttempt(null, $"the connection failed: {e.Message}", reader.Messages);
        }
    }

    private static ResponseCode Rcode(ReadOnlySpan<byte> message) =>
        DnsHeader.TryRead(message, out var header) ? (ResponseCode)header.ResponseCode : ResponseCode.FormErr;
}
