using System.Text;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// RDATA of a type we do not interpret, kept as opaque bytes (RFC 3597 §5: presentation <c>\# len hex</c>).
/// Never compressed, never decompressed.
/// </summary>
public sealed class UnknownData(RecordType type, ReadOnlySpan<byte> bytes) : RData
{
    private readonly byte[] _bytes = bytes.ToArray();

    public override RecordType Type { get; } = type;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteBytes(_bytes);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("\\# ").Append(_bytes.Length);
        if (_bytes.Length > 0)
            sb.Append(' ').Append(Convert.ToHexString(_bytes));
        return sb.ToString();
    }
}
