using System.Buffers.Binary;
using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// Writes the answer for a name in a <see cref="LocalZone"/>: NXDOMAIN below the apex, NODATA at it (or SOA
/// and NS there), with the zone's SOA in the authority section so the client caches the negative answer
/// (RFC 2308 §3), and AA=1 since such zones are served as authoritative (RFC 6303 §3). localhost's addresses
/// are the loopback ones (RFC 6761 §6.3).
/// </summary>
internal static class LocalAnswerWriter
{
    /// <summary>
    /// TTL and SOA MINIMUM of local answers. RFC 6303 suggests 10800 s; five minutes keeps a zone the user
    /// adds later for the same range from being hidden by cached negative answers for hours.
    /// </summary>
    public const uint Ttl = 300;

    private static readonly byte[] Mailbox = DnsName.Parse("nobody.invalid.").ToLowerWire();
    private static readonly byte[] Loopback4 = [127, 0, 0, 1];
    private static readonly byte[] Loopback6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

    public static int Write(scoped in ForwardQuestion question, in ForwardRequest request, in LocalZone zone, Span<byte> response)
    {
        var writer = ResponseEnvelope.Begin(response, question.Name, question.Type, question.Class, request, out int limit);
        writer.Header.IsAuthoritative = true;
        var rcode = ResponseCode.NoError;
        bool written;
        if (zone.IsLocalhost && question.Type is RecordType.A or RecordType.AAAA)
            written = TryWriteAddress(ref writer, question.Name, question.Type == RecordType.A ? Loopback4 : Loopback6);
        else if (zone.AtApex && question.Type == RecordType.SOA)
            written = TryWriteSoa(ref writer, zone.Apex, MessageSection.Answer);
        else if (zone.AtApex && question.Type == RecordType.NS)
            written = TryWriteNs(ref writer, zone.Apex);
        else
        {
            // Names below localhost exist (they all mean this host); elsewhere only the apex does.
            if (!zone.AtApex && !zone.IsLocalhost)
                rcode = ResponseCode.NXDomain;
            written = TryWriteSoa(ref writer, zone.Apex, MessageSection.Authority);
        }
        if (!written)
            writer.Header.IsTruncated = true;
        return ResponseEnvelope.Finish(ref writer, limit, rcode, request);
    }

    private static bool TryWriteAddress(ref DnsMessageWriter writer, ReadOnlySpan<byte> owner, byte[] address)
    {
        var type = address.Length == 4 ? RecordType.A : RecordType.AAAA;
        if (!writer.TryBeginRecord(owner, type, (ushort)RecordClass.IN, Ttl, out int rdLength) || !writer.TryWriteBytes(address))
            return false;
        writer.EndRecord(rdLength, MessageSection.Answer);
        return true;
    }

    private static bool TryWriteNs(ref DnsMessageWriter writer, ReadOnlySpan<byte> apex)
    {
        var mark = writer.Mark();
        if (writer.TryBeginRecord(apex, RecordType.NS, (ushort)RecordClass.IN, Ttl, out int rdLength) && writer.TryWriteName(apex, compress: true))
        {
            writer.EndRecord(rdLength, MessageSection.Answer);
            return true;
        }
        writer.Rewind(mark);
        return false;
    }

    /// <summary>RFC 6303 §3's SOA: the zone as MNAME, nobody.invalid. as RNAME, serial 1.</summary>
    private static bool TryWriteSoa(ref DnsMessageWriter writer, ReadOnlySpan<byte> apex, MessageSection section)
    {
        var mark = writer.Mark();
        Span<byte> timers = stackalloc byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(timers, 1);             // SERIAL
        BinaryPrimitives.WriteUInt32BigEndian(timers[4..], 3600);     // REFRESH
        BinaryPrimitives.WriteUInt32BigEndian(timers[8..], 1200);     // RETRY
        BinaryPrimitives.WriteUInt32BigEndian(timers[12..], 604_800); // EXPIRE
        BinaryPrimitives.WriteUInt32BigEndian(timers[16..], Ttl);     // MINIMUM: the negative TTL (RFC 2308 §4)
        if (writer.TryBeginRecord(apex, RecordType.SOA, (ushort)RecordClass.IN, Ttl, out int rdLength)
            && writer.TryWriteName(apex, compress: true)
            && writer.TryWriteName(Mailbox, compress: true)
            && writer.TryWriteBytes(timers))
        {
            writer.EndRecord(rdLength, section);
            return true;
        }
        writer.Rewind(mark);
        return false;
    }
}
