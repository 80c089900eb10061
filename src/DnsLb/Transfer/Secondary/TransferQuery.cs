using System.Security.Cryptography;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// The queries a secondary sends its primary: SOA (RFC 1035 §4.3.5, to compare serials), AXFR (RFC 5936
/// §2.1) and IXFR (RFC 1995 §3, with the SOA of the version held in the authority section), signed when a
/// key is set. The ID is random (RFC 5452 §9.2's advice holds for any query that changes what we serve).
/// </summary>
internal static class TransferQuery
{
    /// <summary>Room for any such query: header, question, an SOA, a TSIG record with a 64-byte MAC.</summary>
    public const int MaxSize = 1024;

    public static ushort NewId() => (ushort)RandomNumberGenerator.GetInt32(0, 65536);

    /// <summary>
    /// Writes the query into <paramref name="buffer"/> and returns its length; with <paramref name="key"/>,
    /// signs it and hands back the exchange that checks the response.
    /// </summary>
    public static int Write(Span<byte> buffer, ushort id, DnsName zone, RecordType type, ResourceRecord? currentSoa, TsigKey? key, TimeProvider time,
        out TsigClientExchange? exchange)
    {
        exchange = null;
        var writer = new DnsMessageWriter(buffer);
        writer.Header.Id = id;
        writer.Header.OpCode = OpCode.Query;
        if (!writer.TryWriteQuestion(zone.Wire, type, (ushort)RecordClass.IN))
            throw new InvalidOperationException("the query does not fit");
        if (type == RecordType.IXFR)
        {
            var soa = currentSoa ?? throw new ArgumentNullException(nameof(currentSoa), "an IXFR carries the SOA of the version held");
            if (!writer.TryWriteRecord(soa.Owner.Wire, RecordType.SOA, (ushort)RecordClass.IN, soa.Ttl, (SoaData)soa.Data, MessageSection.Authority))
                throw new InvalidOperationException("the query does not fit");
        }
        int length = writer.Finish();
        if (key is not null && !TsigClientExchange.TrySign(buffer, length, key, time, out length, out exchange))
            throw new InvalidOperationException("the query does not fit");
        return length;
    }
}
