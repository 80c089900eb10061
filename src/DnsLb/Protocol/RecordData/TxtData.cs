using System.Text;

namespace DnsLb.Protocol.RecordData;

/// <summary>TXT (RFC 1035 §3.3.14): one or more character-strings of at most 255 bytes each.</summary>
public sealed class TxtData : RData
{
    private readonly byte[][] _strings;

    public TxtData(IReadOnlyList<byte[]> strings)
    {
        if (strings.Count == 0)
            throw new ArgumentException("TXT needs at least one character-string", nameof(strings));
        foreach (var s in strings)
        {
            if (s.Length > 255)
                throw new ArgumentException("a character-string holds at most 255 bytes", nameof(strings));
        }
        _strings = [.. strings];
    }

    public IReadOnlyList<byte[]> Strings => _strings;

    public override RecordType Type => RecordType.TXT;

    public override bool TryWrite(ref DnsMessageWriter writer)
    {
        foreach (var s in _strings)
        {
            if (!writer.TryWriteByte((byte)s.Length) || !writer.TryWriteBytes(s))
                return false;
        }
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var s in _strings)
        {
            if (sb.Length > 0)
                sb.Append(' ');
            AppendQuoted(sb, s);
        }
        return sb.ToString();
    }

    public static ParseStatus TryRead(ReadOnlySpan<byte> rdata, out RData? data)
    {
        data = null;
        if (rdata.Length == 0)
            return ParseStatus.BadRecordData;
        var strings = new List<byte[]>();
        while (rdata.Length > 0)
        {
            int length = rdata[0];
            if (1 + length > rdata.Length)
                return ParseStatus.BadRecordData;
            strings.Add(rdata.Slice(1, length).ToArray());
            rdata = rdata[(1 + length)..];
        }
        data = new TxtData(strings);
        return ParseStatus.Ok;
    }
}
