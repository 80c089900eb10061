namespace DnsLb.Protocol.RecordData;

/// <summary>
/// The RDATA of one resource record. Each type knows how to write itself into a message (compressing the
/// names RFC 3597 §4 allows: only those of NS, CNAME, SOA, PTR, MX) and how it looks in presentation form.
/// Each type's file also reads it from the wire (<see cref="RDataReader"/>) and from a zone file
/// (<see cref="RDataParser"/>). Instances are immutable and shared by zone snapshots.
/// </summary>
public abstract class RData : IEquatable<RData>
{
    public abstract RecordType Type { get; }

    /// <summary>Writes the RDATA (not RDLENGTH). On <c>false</c> the caller rewinds the writer.</summary>
    public abstract bool TryWrite(ref DnsMessageWriter writer);

    /// <summary>Presentation form (RFC 1035 §5.1), as in a zone file.</summary>
    public abstract override string ToString();

    private byte[]? _wire;
    private byte[]? _key;
    private int _hash;

    /// <summary>
    /// The RDATA in uncompressed wire form with names as written, encoded once and kept: zone data is
    /// immutable, so comparing, hashing and copying records never re-serialises them.
    /// </summary>
    public ReadOnlySpan<byte> Wire => _wire ??= Encode(lowerNames: false);

    /// <summary>A copy of <see cref="Wire"/>.</summary>
    public byte[] ToWire() => Wire.ToArray();

    /// <summary>
    /// The bytes two records are compared by: the wire form with embedded names lowercased (RFC 4034 §6.2,
    /// RFC 4343), so records that differ only in the case of a name are one record, as in BIND, Knot and NSD.
    /// </summary>
    private byte[] Key
    {
        get
        {
            if (_key is null)
            {
                var lowered = Encode(lowerNames: true);
                _key = lowered.AsSpan().SequenceEqual(Wire) ? _wire! : lowered;
            }
            return _key;
        }
    }

    /// <summary>Same type and same bytes; names inside compare without case (RFC 4343).</summary>
    public bool Equals(RData? other) =>
        other is not null && (ReferenceEquals(this, other) || (other.Type == Type && Key.AsSpan().SequenceEqual(other.Key)));

    public override bool Equals(object? obj) => obj is RData other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            hash.Add(Type);
            hash.AddBytes(Key);
            _hash = hash.ToHashCode() | 1; // never 0, so 0 means "not computed yet"
        }
        return _hash;
    }

    /// <summary>
    /// False when the RDATA is longer than RDLENGTH can say (65535 bytes): only data built from text can be,
    /// and the zone parser reports it instead of storing it. True also caches <see cref="Wire"/>.
    /// </summary>
    internal bool FitsInRdLength()
    {
        _wire ??= TryEncode(lowerNames: false);
        return _wire is not null;
    }

    private byte[] Encode(bool lowerNames) =>
        TryEncode(lowerNames) ?? throw new InvalidOperationException("RDATA longer than 65535 bytes");

    private byte[]? TryEncode(bool lowerNames)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(DnsHeader.Size + ushort.MaxValue);
        try
        {
            var writer = new DnsMessageWriter(buffer.AsSpan(0, DnsHeader.Size + ushort.MaxValue), compress: false, lowerNames: lowerNames);
            if (!TryWrite(ref writer))
                return null;
            return buffer.AsSpan(DnsHeader.Size, writer.Position - DnsHeader.Size).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
