using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>HINFO (RFC 1035 §3.3.2): two character-strings, CPU and OS (RFC 8482 §4.2 answers ANY with one).</summary>
public sealed class HinfoData(byte[] cpu, byte[] os) : RData
{
    public ReadOnlySpan<byte> Cpu => cpu;
    public ReadOnlySpan<byte> Os => os;

    public override RecordType Type => RecordType.HINFO;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte((byte)cpu.Length) && writer.TryWriteBytes(cpu) && writer.TryWriteByte((byte)os.Length) && writer.TryWriteBytes(os);

    public override string ToString()
    {
        var sb = new StringBuilder();
        CharacterString.AppendQuoted(sb, cpu);
        sb.Append(' ');
        CharacterString.AppendQuoted(sb, os);
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadCharacterString(out var cpu) && rdata.TryReadCharacterString(out var os) ? new HinfoData(cpu.ToArray(), os.ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryCharacterString("CPU", out var cpu) && fields.TryCharacterString("OS", out var os) ? new HinfoData(cpu, os) : null;
        return data is not null;
    }
}
