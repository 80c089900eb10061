using System.Text;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// The RDATA of one resource record. Each type knows how to write itself into a message (compressing the
/// names RFC 3597 §4 allows: only those of NS, CNAME, SOA, PTR, MX) and how it looks in presentation form.
/// Instances are immutable and shared by zone snapshots.
/// </summary>
public abstract class RData : IEquatable<RData>
{
    public abstract RecordType Type { get; }

    /// <summary>Writes the RDATA (not RDLENGTH). On <c>false</c> the caller rewinds the writer.</summary>
    public abstract bool TryWrite(ref DnsMessageWriter writer);

    /// <summary>Presentation form (RFC 1035 §5.1), as in a zone file.</summary>
    public abstract override string ToString();

    /// <summary>The RDATA in canonical, uncompressed wire form.</summary>
    public byte[] ToWire()
    {
        var buffer = new byte[DnsHeader.Size + ushort.MaxValue];
        var writer = new DnsMessageWriter(buffer, compress: false);
        if (!TryWrite(ref writer))
            throw new InvalidOperationException("RDATA longer than 65535 bytes");
        return buffer.AsSpan(DnsHeader.Size, writer.Position - DnsHeader.Size).ToArray();
    }

    /// <summary>Same type and same data; names inside compare without case (RFC 4343).</summary>
    public bool Equals(RData? other) => other is not null && other.Type == Type && SameData(other);

    public override bool Equals(object? obj) => obj is RData other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, DataHash());

    /// <summary>Byte-wise by default; types holding names override this to ignore the names' case.</summary>
    protected virtual bool SameData(RData other) => ToWire().AsSpan().SequenceEqual(other.ToWire());

    protected virtual int DataHash()
    {
        var hash = new HashCode();
        hash.AddBytes(ToWire());
        return hash.ToHashCode();
    }

    /// <summary>Reads a name inside RDATA; it must end within the RDATA's bounds.</summary>
    protected static ParseStatus ReadName(ReadOnlySpan<byte> message, ref int offset, int end, out DnsName? name)
    {
        name = null;
        Span<byte> buffer = stackalloc byte[WireName.MaxLength];
        var status = WireName.TryRead(message[..end], ref offset, buffer, out int length);
        if (status != ParseStatus.Ok)
            return status == ParseStatus.Truncated ? ParseStatus.BadRecordData : status;
        name = DnsName.FromWire(buffer[..length]);
        return ParseStatus.Ok;
    }

    /// <summary>A character-string in presentation form: quoted, with \" \\ and \DDD escapes.</summary>
    protected static void AppendQuoted(StringBuilder sb, ReadOnlySpan<byte> text)
    {
        sb.Append('"');
        foreach (byte b in text)
        {
            if (b is (byte)'"' or (byte)'\\')
                sb.Append('\\').Append((char)b);
            else if (b < 0x20 || b > 0x7E)
                sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            else
                sb.Append((char)b);
        }
        sb.Append('"');
    }
}
