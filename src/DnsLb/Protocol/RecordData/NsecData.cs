using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// NSEC (RFC 4034 §4): the next owner name in canonical order (never compressed, §4.1.1) and the types at
/// this owner as a type bit map (§4.1.2). Served as data from a pre-signed zone.
/// </summary>
public sealed class NsecData(DnsName next, byte[] typeBitmap) : RData
{
    public DnsName Next { get; } = next;
    public ReadOnlySpan<byte> TypeBitmap => typeBitmap;

    public override RecordType Type => RecordType.NSEC;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteName(Next.Wire, compress: false) && writer.TryWriteBytes(typeBitmap);

    public override string ToString()
    {
        var sb = new StringBuilder(Next.ToString());
        RecordData.TypeBitmap.Append(sb, typeBitmap);
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadName(decompress: false, out var next))
            return false;
        var bitmap = rdata.ReadRest();
        if (!RecordData.TypeBitmap.IsValid(bitmap))
            return false;
        data = new NsecData(next, bitmap.ToArray());
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryName("next name", out var next) && RecordData.TypeBitmap.TryParse(fields, out var bitmap) ? new NsecData(next, bitmap) : null;
        return data is not null;
    }
}
