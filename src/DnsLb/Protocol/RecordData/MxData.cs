using System.Buffers.Binary;

namespace DnsLb.Protocol.RecordData;

/// <summary>MX (RFC 1035 §3.3.9): a preference and a mail exchanger (compressible).</summary>
public sealed class MxData(ushort preference, DnsName exchange) : RData
{
    public ushort Preference { get; } = preference;
    public DnsName Exchange { get; } = exchange;

    public override RecordType Type => RecordType.MX;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(Preference) && writer.TryWriteName(Exchange.Wire, compress: true);

    public override string ToString() => $"{Preference} {Exchange}";


    public static ParseStatus TryRead(ReadOnlySpan<byte> message, int offset, int length, out RData? data)
    {
        data = null;
        int end = offset + length;
        if (length < 3)
            return ParseStatus.BadRecordData;
        ushort preference = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        offset += 2;
        var status = ReadName(message, ref offset, end, out var exchange);
        if (status != ParseStatus.Ok)
            return status;
        if (offset != end)
            return ParseStatus.BadRecordData;
        data = new MxData(preference, exchange!);
        return ParseStatus.Ok;
    }
}
