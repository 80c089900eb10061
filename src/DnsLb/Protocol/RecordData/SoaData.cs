using System.Buffers.Binary;

namespace DnsLb.Protocol.RecordData;

/// <summary>SOA (RFC 1035 §3.3.13): primary server, responsible mailbox, serial and the four timers.</summary>
public sealed class SoaData(DnsName primary, DnsName mailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum) : RData
{
    public DnsName Primary { get; } = primary;
    public DnsName Mailbox { get; } = mailbox;
    public uint Serial { get; } = serial;
    public uint Refresh { get; } = refresh;
    public uint Retry { get; } = retry;
    public uint Expire { get; } = expire;

    /// <summary>Since RFC 2308 §4: the TTL of negative answers (capped by the SOA record's own TTL).</summary>
    public uint Minimum { get; } = minimum;

    public override RecordType Type => RecordType.SOA;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteName(Primary.Wire, compress: true) && writer.TryWriteName(Mailbox.Wire, compress: true)
        && writer.TryWriteUInt32(Serial) && writer.TryWriteUInt32(Refresh) && writer.TryWriteUInt32(Retry)
        && writer.TryWriteUInt32(Expire) && writer.TryWriteUInt32(Minimum);

    public override string ToString() => $"{Primary} {Mailbox} {Serial} {Refresh} {Retry} {Expire} {Minimum}";


    public static ParseStatus TryRead(ReadOnlySpan<byte> message, int offset, int length, out RData? data)
    {
        data = null;
        int end = offset + length;
        var status = ReadName(message, ref offset, end, out var primary);
        if (status != ParseStatus.Ok)
            return status;
        status = ReadName(message, ref offset, end, out var mailbox);
        if (status != ParseStatus.Ok)
            return status;
        if (end - offset != 20)
            return ParseStatus.BadRecordData;
        var timers = message.Slice(offset, 20);
        data = new SoaData(primary!, mailbox!,
            BinaryPrimitives.ReadUInt32BigEndian(timers), BinaryPrimitives.ReadUInt32BigEndian(timers[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(timers[8..]), BinaryPrimitives.ReadUInt32BigEndian(timers[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(timers[16..]));
        return ParseStatus.Ok;
    }
}
