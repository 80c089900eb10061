using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// RP (RFC 1183 §2.2): the responsible person's mailbox (as a name) and a name owning TXT records about
/// them. Not RFC 1035's, so written uncompressed; read with pointers expanded (RFC 3597 §4).
/// </summary>
public sealed class RpData(DnsName mailbox, DnsName textName) : RData
{
    public DnsName Mailbox { get; } = mailbox;
    public DnsName TextName { get; } = textName;

    public override RecordType Type => RecordType.RP;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteName(Mailbox.Wire, compress: false) && writer.TryWriteName(TextName.Wire, compress: false);

    public override string ToString() => $"{Mailbox} {TextName}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadName(decompress: true, out var mailbox) && rdata.TryReadName(decompress: true, out var textName)
            ? new RpData(mailbox, textName) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryName("mailbox", out var mailbox) && fields.TryName("TXT name", out var textName) ? new RpData(mailbox, textName) : null;
        return data is not null;
    }
}
