using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Asks a primary for a zone's SOA to compare serials (RFC 1035 §4.3.5): over UDP, again over TCP when the
/// answer comes truncated, signed when a key is set. Only an authoritative NOERROR answer to our exact
/// question, from the primary's address and port (a connected socket), with the zone's SOA, counts.
/// </summary>
internal sealed class SoaQueryClient(TimeProvider time, TransferClientLimits limits, OutgoingAddress? source = null)
{
    public async Task<SoaCheck> QueryAsync(IPEndPoint primary, DnsName zone, TsigKey? key, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limits.Idle, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var answer = await ExchangeAsync(primary, zone, key, tcp: false, linked.Token);
            if (answer.Truncated)
                answer = await ExchangeAsync(primary, zone, key, tcp: true, linked.Token);
            return answer.Check;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SoaCheck(null, $"no answer within {limits.Idle}");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return new SoaCheck(null, $"the query failed: {e.Message}");
        }
    }

    private async Task<(SoaCheck Check, bool Truncated)> ExchangeAsync(IPEndPoint primary, DnsName zone, TsigKey? key, bool tcp, CancellationToken cancellationToken)
    {
        ushort id = TransferQuery.NewId();
        var query = new byte[TransferQuery.MaxSize];
        int length = TransferQuery.Write(query, id, zone, RecordType.SOA, null, key, time, out var tsig);
        using var exchange = tsig;
        using var socket = (source ?? OutgoingAddress.System).Open(primary, tcp ? SocketType.Stream : SocketType.Dgram, tcp ? ProtocolType.Tcp : ProtocolType.Udp);
        await socket.ConnectAsync(primary, cancellationToken);
        if (tcp)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await DnsTcpFraming.WriteAsync(stream, query.AsMemory(0, length), cancellationToken);
            var message = await DnsTcpFraming.ReadAsync(stream, cancellationToken) ?? throw new IOException("the primary closed the connection without answering");
            return (Judge(message, id, zone, exchange), false);
        }
        await socket.SendAsync(query.AsMemory(0, length), SocketFlags.None, cancellationToken);
        var buffer = new byte[ushort.MaxValue];
        while (true)
        {
            int received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            var message = buffer.AsSpan(0, received);
            if (!DnsHeader.TryRead(message, out var header) || header.Id != id || !header.IsResponse)
                continue; // not the answer to this query: keep waiting for it
            if (header.IsTruncated)
                return (new SoaCheck(null, "truncated"), true);
            return (Judge(message, id, zone, exchange), false);
        }
    }

    private static SoaCheck Judge(ReadOnlySpan<byte> message, ushort id, DnsName zone, TsigClientExchange? tsig)
    {
        if (!DnsHeader.TryRead(message, out var header) || header.Id != id || !header.IsResponse || header.OpCode != OpCode.Query)
            return new SoaCheck(null, "an answer that does not match the query");
        if (tsig is not null)
        {
            var check = tsig.Verify(message);
            if (check == TsigResponseCheck.Rejected)
                return new SoaCheck(null, $"the primary rejected our TSIG: {tsig.ServerError}");
            if (check == TsigResponseCheck.Missing && header.ResponseCode != 0)
                return new SoaCheck(null, $"the primary answered {(ResponseCode)header.ResponseCode} (unsigned)");
            if (check != TsigResponseCheck.Valid)
                return new SoaCheck(null, $"TSIG check failed: {check}");
        }
        if (header.ResponseCode != 0)
            return new SoaCheck(null, $"the primary answered {(ResponseCode)header.ResponseCode}");
        if (!header.IsAuthoritative)
            return new SoaCheck(null, "the primary's answer is not authoritative (AA clear): it does not serve the zone");
        if (DnsMessage.TryParse(message, out var parsed) != ParseStatus.Ok || parsed!.Questions.Count != 1
            || !parsed.Questions[0].Name.Equals(zone) || parsed.Questions[0].Type != RecordType.SOA)
        {
            return new SoaCheck(null, "a malformed answer, or one to another question");
        }
        var soa = parsed.Answers.Find(r => r.Data is SoaData && r.Owner.Equals(zone) && r.Class == (ushort)RecordClass.IN);
        return soa is null ? new SoaCheck(null, "the answer holds no SOA for the zone") : new SoaCheck(soa, null);
    }
}
