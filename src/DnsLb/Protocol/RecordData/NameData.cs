namespace DnsLb.Protocol.RecordData;

/// <summary>
/// RDATA that is a single domain name: NS (RFC 1035 §3.3.11), CNAME (§3.3.1), PTR (§3.3.12), all three
/// compressible. DNAME (RFC 6672) has the same shape but must not be compressed.
/// </summary>
public sealed class NameData(RecordType type, DnsName target) : RData
{
    public override RecordType Type { get; } = type;

    public DnsName Target { get; } = target;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteName(Target.Wire, compress: Type != RecordType.DNAME);

    public override string ToString() => Target.ToString();


    public static ParseStatus TryRead(ReadOnlySpan<byte> message, int offset, int length, RecordType type, out RData? data)
    {
        data = null;
        int end = offset + length;
        var status = ReadName(message, ref offset, end, out var target);
        if (status != ParseStatus.Ok)
            return status;
        if (offset != end)
            return ParseStatus.BadRecordData;
        data = new NameData(type, target!);
        return ParseStatus.Ok;
    }
}
