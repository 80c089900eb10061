using DnsLb.Protocol;

namespace DnsLb.Answering;

/// <summary>
/// The name being answered while the answer follows CNAMEs and DNAMEs: as written (the question's case, for the
/// owners of the records written) and lowercased (for lookups). A CNAME's target is the zone's own name; a name
/// synthesised from a DNAME (RFC 6672 §2.2) is built in one of two stack buffers, taken in turn, so the name it
/// replaces stays readable for the CNAME that records the step.
/// </summary>
internal ref struct ChaseName
{
    /// <summary>Stack space a chase needs: two buffers, each a name as written and lowercased.</summary>
    public const int BufferSize = 4 * WireName.MaxLength;

    private readonly Span<byte> _buffers;
    private int _next;

    public ChaseName(ReadOnlySpan<byte> wire, ReadOnlySpan<byte> lower, Span<byte> buffers)
    {
        Wire = wire;
        Lower = lower;
        Previous = default;
        _buffers = buffers;
        _next = 0;
    }

    /// <summary>The name as written: the owner of what is answered for it.</summary>
    public ReadOnlySpan<byte> Wire { get; private set; }

    /// <summary>The same name lowercased: the key it is looked up by.</summary>
    public ReadOnlySpan<byte> Lower { get; private set; }

    /// <summary>The name before the last DNAME substitution: the owner of the CNAME synthesised for it.</summary>
    public ReadOnlySpan<byte> Previous { get; private set; }

    /// <summary>Moves to a CNAME's target.</summary>
    public void MoveTo(DnsName target)
    {
        Wire = target.Wire;
        Lower = target.LowerWire;
    }

    /// <summary>
    /// RFC 6672 §2.2: replaces the suffix the DNAME owns (its last <paramref name="ownerLength"/> octets) by the
    /// DNAME's <paramref name="target"/>. False when the result would be longer than 255 octets (YXDOMAIN).
    /// </summary>
    public bool TrySubstitute(int ownerLength, DnsName target)
    {
        int prefix = Wire.Length - ownerLength;
        int length = prefix + target.Wire.Length;
        if (length > WireName.MaxLength)
            return false;
        var wire = _buffers.Slice(_next * 2 * WireName.MaxLength, WireName.MaxLength);
        var lower = _buffers.Slice((_next * 2 + 1) * WireName.MaxLength, WireName.MaxLength);
        Wire[..prefix].CopyTo(wire);
        target.Wire.CopyTo(wire[prefix..]);
        Lower[..prefix].CopyTo(lower);
        target.LowerWire.CopyTo(lower[prefix..]);
        Previous = Wire;
        Wire = wire[..length];
        Lower = lower[..length];
        _next ^= 1;
        return true;
    }
}
