using DnsLb.Protocol;

namespace DnsLb.Transfer.Identity;

/// <summary>
/// The server identity answer of RFC 4892 §2: a TXT query in class CH for <c>id.server.</c> (or BIND's
/// <c>hostname.bind.</c>) is answered with one TXT record, class CH, TTL 0, holding the identity, its owner
/// the question's name (pointing at it). Span-based and allocation-free, for the query path.
/// </summary>
public static class ChaosIdentity
{
    private static readonly byte[] IdServer = "\u0002id\u0006server\0"u8.ToArray();
    private static readonly byte[] HostnameBind = "\u0008hostname\u0004bind\0"u8.ToArray();

    /// <summary>True for (id.server. or hostname.bind., any case) TXT or ANY in class CH.</summary>
    public static bool IsIdentityQuestion(ReadOnlySpan<byte> name, RecordType type, ushort recordClass) =>
        recordClass == (ushort)RecordClass.CH && type is RecordType.TXT or RecordType.ANY
        && (WireName.EqualsIgnoreCase(name, IdServer) || WireName.EqualsIgnoreCase(name, HostnameBind));

    /// <summary>Writes the answer record for the question <paramref name="questionName"/> (already in the message). On false nothing was written.</summary>
    public static bool TryWriteAnswer(ref DnsMessageWriter writer, scoped ReadOnlySpan<byte> questionName, ServerIdentity identity)
    {
        var mark = writer.Mark();
        if (writer.TryBeginRecord(questionName, RecordType.TXT, (ushort)RecordClass.CH, 0, out int rdLength) && writer.TryWriteBytes(identity.TxtRdata))
        {
            writer.EndRecord(rdLength, MessageSection.Answer);
            return true;
        }
        writer.Rewind(mark);
        return false;
    }
}
