using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>CSYNC (RFC 7477 §2): SOA serial, flags and the types to synchronise as a type bit map (RFC 4034 §4.1.2).</summary>
public sealed class CsyncData(uint serial, ushort flags, byte[] typeBitmap) : RData
{
    public uint Serial { get; } = serial;
    public ushort Flags { get; } = flags;
    public ReadOnlySpan<byte> TypeBitmap => typeBitmap;

    public override RecordType Type => RecordType.CSYNC;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt32(Serial) && writer.TryWriteUInt16(Flags) && writer.TryWriteBytes(typeBitmap);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Serial).Append(' ').Append(Flags);
        RecordData.TypeBitmap.Append(sb, typeBitmap);
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadUInt32(out uint serial) || !rdata.TryReadUInt16(out ushort flags))
            return false;
        var bitmap = rdata.ReadRest();
        if (!RecordData.TypeBitmap.IsValid(bitmap))
            return false;
        data = new CsyncData(serial, flags, bitmap.ToArray());
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt32("serial", out uint serial) && fields.TryUInt16("flags", out ushort flags)
            && RecordData.TypeBitmap.TryParse(fields, out var bitmap)
            ? new CsyncData(serial, flags, bitmap) : null;
        return data is not null;
    }
}
