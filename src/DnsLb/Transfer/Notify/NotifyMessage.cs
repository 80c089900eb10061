using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;

namespace DnsLb.Transfer.Notify;

/// <summary>
/// The NOTIFY a primary sends when a zone changes (RFC 1996 §3): opcode NOTIFY, AA set, the question
/// (zone, SOA, IN), and the new SOA in the answer section (§3.7 allows it; secondaries may take its serial
/// as a hint), signed when the secondary has a key.
/// </summary>
internal static class NotifyMessage
{
    /// <summary>Room for any NOTIFY: header, question, SOA, a TSIG record with a 64-byte MAC.</summary>
    public const int MaxSize = 1024;

    /// <summary>Writes the NOTIFY for <paramref name="zone"/>'s current version; with a key, signs it and hands back the exchange that checks the answer.</summary>
    public static int Write(Span<byte> buffer, ushort id, Zone zone, TsigKey? key, TimeProvider time, out TsigClientExchange? exchange)
    {
        exchange = null;
        var writer = new DnsMessageWriter(buffer);
        writer.Header.Id = id;
        writer.Header.OpCode = OpCode.Notify;
        writer.Header.IsAuthoritative = true;
        var soa = ZoneRecords.Soa(zone);
        if (!writer.TryWriteQuestion(zone.Origin.Wire, RecordType.SOA, (ushort)RecordClass.IN)
            || !writer.TryWriteRecord(soa.Owner.Wire, RecordType.SOA, (ushort)RecordClass.IN, soa.Ttl, soa.Data, MessageSection.Answer))
        {
            throw new InvalidOperationException("the NOTIFY does not fit");
        }
        int length = writer.Finish();
        if (key is not null && !TsigClientExchange.TrySign(buffer, length, key, time, out length, out exchange))
            throw new InvalidOperationException("the NOTIFY does not fit");
        return length;
    }

    /// <summary>True when <paramref name="message"/> is a NOTIFY request (opcode NOTIFY, QR clear): what the engine hands to <see cref="NotifyReceiver"/>.</summary>
    public static bool IsNotify(ReadOnlySpan<byte> message) =>
        message.Length >= DnsHeader.Size && ((BinaryPrimitives.ReadUInt16BigEndian(message[2..]) >> 11) & 0xF) == (int)OpCode.Notify
        && (message[2] & 0x80) == 0;
}
