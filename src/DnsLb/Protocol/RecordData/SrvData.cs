using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

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

    // RFC 2782 forbids compression, but RFC 3597 §4 asks receivers to expand a pointer anyway.
    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort priority) && rdata.TryReadUInt16(out ushort weight) && rdata.TryReadUInt16(out ushort port)
            && rdata.TryReadName(decompress: true, out var target)
            ? new SrvData(priority, weight, port, target) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("priority", out ushort priority) && fields.TryUInt16("weight", out ushort weight)
            && fields.TryUInt16("port", out ushort port) && fields.TryName("target", out var target)
            ? new SrvData(priority, weight, port, target) : null;
        return data is not null;
    }
}
