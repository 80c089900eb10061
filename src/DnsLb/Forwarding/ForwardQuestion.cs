using System.Buffers.Binary;
using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// The question of a query about to be forwarded, on the stack: the name as the client wrote it (echoed back
/// with its case) and lowercased (the cache key), both uncompressed wire form, plus type and class.
/// </summary>
public readonly ref struct ForwardQuestion(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerName, RecordType type, ushort recordClass)
{
    public ReadOnlySpan<byte> Name { get; } = name;
    public ReadOnlySpan<byte> LowerName { get; } = lowerName;
    public RecordType Type { get; } = type;
    public ushort Class { get; } = recordClass;

    /// <summary>
    /// Reads the first question of <paramref name="query"/> into the two buffers (each at least
    /// <see cref="WireName.MaxLength"/> bytes). False when the query has no readable question.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> query, Span<byte> nameBuffer, Span<byte> lowerBuffer, out ForwardQuestion question)
    {
        question = default;
        var reader = new DnsMessageReader(query);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok || header.QuestionCount == 0
            || reader.ReadQuestion(nameBuffer, out int length, out var type, out ushort recordClass) != ParseStatus.Ok)
        {
            return false;
        }
        nameBuffer[..length].CopyTo(lowerBuffer);
        WireName.ToLower(lowerBuffer[..length]);
        question = new ForwardQuestion(nameBuffer[..length], lowerBuffer[..length], type, recordClass);
        return true;
    }

    /// <summary>The cache and coalescing key: lowercased name, type, class and the DO/CD bits (answers differ with them).</summary>
    internal int WriteKey(Span<byte> key, in ForwardRequest request)
    {
        LowerName.CopyTo(key);
        int at = LowerName.Length;
        BinaryPrimitives.WriteUInt16BigEndian(key[at..], (ushort)Type);
        BinaryPrimitives.WriteUInt16BigEndian(key[(at + 2)..], Class);
        key[at + 4] = (byte)((request.DnssecOk ? 1 : 0) | (request.CheckingDisabled ? 2 : 0));
        return at + 5;
    }

    /// <summary>Room a key needs at most.</summary>
    internal const int MaxKeyLength = WireName.MaxLength + 5;
}
