using System.Buffers.Binary;

namespace DnsLb.Protocol.RecordData;

/// <summary>SRV (RFC 2782): priority, weight, port, target. The target must not be compressed.</summary>
public sealed class SrvData(ushort priority, ushort weight, ushort port, DnsName target) : RData
{
    public ushort Priority { get; } = priority;
    public ushort Weight { get; } = weight;
    public ushort Port { get; } = port;
    public DnsName Target { get; } = target;

    public override RecordType Type => RecordType.SRV;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(Priority) && writer.TryWriteUInt16(Weight) && writer.TryWriteUInt16(Port)
        && writer.TryWriteName(Target.Wire, compress: false);

    public override string ToString() => $"{Priority} {Weight} {Port} {Target}";


    public static ParseStatus TryRead(ReadOnlySpan<byte> message, int offset, int length, out RData? data)
    {
        data = null;
        int end = offset + length;
        if (length < 7)
            return ParseStatus.BadRecordData;
        var fixedPart = message.Slice(offset, 6);
        offset += 6;
        // RFC 2782 forbids compression, but a pointer is still read leniently (as BIND and Knot do).
        var status = ReadName(message, ref offset, end, out var target);
        if (status != ParseStatus.Ok)
            return status;
        if (offset != end)
            return ParseStatus.BadRecordData;
        data = new SrvData(BinaryPrimitives.ReadUInt16BigEndian(fixedPart), BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(fixedPart[4..]), target!);
        return ParseStatus.Ok;
    }
}
