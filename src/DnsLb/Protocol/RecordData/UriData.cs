using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// URI (RFC 7553 §4.5): priority, weight and a target URI that runs to the end of the RDATA (no length
/// byte, so longer than 255 bytes is fine); in presentation form one string,
/// quoted as §4.4 asks (Knot reads it unquoted too, and so does DnsLb).
/// </summary>
public sealed class UriData(ushort priority, ushort weight, byte[] target) : RData
{
    public ushort Priority { get; } = priority;
    public ushort Weight { get; } = weight;
    public ReadOnlySpan<byte> Target => target;

    public override RecordType Type => RecordType.URI;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(Priority) && writer.TryWriteUInt16(Weight) && writer.TryWriteBytes(target);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Priority).Append(' ').Append(Weight).Append(' ');
        CharacterString.AppendQuoted(sb, target);
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort priority) && rdata.TryReadUInt16(out ushort weight)
            ? new UriData(priority, weight, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!fields.TryUInt16("priority", out ushort priority) || !fields.TryUInt16("weight", out ushort weight)
            || !fields.TryNext("target", out var field))
            return false;
        if (!CharacterString.TryDecode(field.Text, out var target))
            return fields.Fail($"URI target: bad escape in \"{field.Text}\"");
        data = new UriData(priority, weight, target);
        return true;
    }
}
