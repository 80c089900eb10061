using DnsLb.Protocol;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// Packs a stream of records into as few messages as fit (RFC 5936 §2.2: as many records per message as the
/// 64 KiB limit allows), each message compressing its names on its own. The first message carries the
/// question, and an OPT record when the query had one (RFC 5936 §2.2.5). Room is kept in every message for the
/// TSIG record signing adds. A record that fits in no message at all ends the stream with an exception: the
/// zone cannot be transferred, and the client sees the connection end without a final SOA.
/// </summary>
internal sealed class TransferMessagePacker(TransferRequest request, IEnumerator<TransferRecord> records, int reserved)
{
    /// <summary>RFC 1035 §4.2.2: a TCP message is at most 65535 bytes.</summary>
    public const int MaxMessageSize = ushort.MaxValue;

    private bool _carrying;
    private bool _done;
    private int _messages;

    public int Messages => _messages;

    public int Records { get; private set; }

    /// <summary>Writes the next message into <paramref name="buffer"/>; 0 when every record has been sent.</summary>
    public int Next(Span<byte> buffer)
    {
        if (_done && !_carrying)
            return 0;
        bool first = _messages == 0;
        var writer = new DnsMessageWriter(buffer[..Math.Min(buffer.Length, MaxMessageSize)]);
        writer.Header.Id = request.Id;
        writer.Header.IsResponse = true;
        writer.Header.IsAuthoritative = true;
        writer.Header.OpCode = OpCode.Query;
        writer.Header.RecursionDesired = request.RecursionDesired;
        if (first && !writer.TryWriteQuestion(request.Zone.Wire, request.Type, (ushort)RecordClass.IN))
            throw new InvalidOperationException("the question does not fit in a message");
        bool opt = first && request.HasEdns;
        int limit = writer.Capacity - reserved - (opt ? Edns.OptRecordSize : 0);
        writer.LimitTo(limit);
        int count = 0;
        while (true)
        {
            if (!_carrying)
            {
                if (!records.MoveNext())
                {
                    _done = true;
                    break;
                }
                _carrying = true;
            }
            var record = records.Current;
            if (!writer.TryWriteRecord(record.Owner.Wire, record.Data.Type, (ushort)RecordClass.IN, record.Ttl, record.Data, MessageSection.Answer))
            {
                if (count == 0)
                    throw new InvalidOperationException($"the record {record.Owner} {ResourceRecord.TypeName(record.Data.Type)} is too large for any message");
                break;
            }
            _carrying = false;
            count++;
        }
        if (count == 0 && !first)
            return 0;
        if (opt)
        {
            writer.LimitTo(limit + Edns.OptRecordSize);
            Edns.TryWrite(ref writer, 0, request.DnssecOk);
        }
        _messages++;
        Records += count;
        return writer.Finish();
    }
}
