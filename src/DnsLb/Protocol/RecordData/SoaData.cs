using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>SOA (RFC 1035 §3.3.13): primary server, responsible mailbox, serial and the four timers.</summary>
public sealed class SoaData(DnsName primary, DnsName mailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum) : RData
{
    public DnsName Primary { get; } = primary;
    public DnsName Mailbox { get; } = mailbox;
    public uint Serial { get; } = serial;
    public uint Refresh { get; } = refresh;
    public uint Retry { get; } = retry;
    public uint Expire { get; } = expire;

    /// <summary>Since RFC 2308 §4: the TTL of negative answers (capped by the SOA record's own TTL).</summary>
    public uint Minimum { get; } = minimum;

    public override RecordType Type => RecordType.SOA;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteName(Primary.Wire, compress: true) && writer.TryWriteName(Mailbox.Wire, compress: true)
        && writer.TryWriteUInt32(Serial) && writer.TryWriteUInt32(Refresh) && writer.TryWriteUInt32(Retry)
        && writer.TryWriteUInt32(Expire) && writer.TryWriteUInt32(Minimum);

    public override string ToString() => $"{Primary} {Mailbox} {Serial} {Refresh} {Retry} {Expire} {Minimum}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadName(decompress: true, out var primary) && rdata.TryReadName(decompress: true, out var mailbox)
            && rdata.TryReadUInt32(out uint serial) && rdata.TryReadUInt32(out uint refresh) && rdata.TryReadUInt32(out uint retry)
            && rdata.TryReadUInt32(out uint expire) && rdata.TryReadUInt32(out uint minimum)
            ? new SoaData(primary, mailbox, serial, refresh, retry, expire, minimum) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        // The serial is a plain number; the timers may use units (1h, 2d), as BIND, Knot and NSD accept.
        data = fields.TryName("primary server", out var primary) && fields.TryName("mailbox", out var mailbox)
            && fields.TryUInt32("serial", out uint serial) && fields.TryTime("refresh", out uint refresh)
            && fields.TryTime("retry", out uint retry) && fields.TryTime("expire", out uint expire)
            && fields.TryTime("minimum", out uint minimum)
            ? new SoaData(primary, mailbox, serial, refresh, retry, expire, minimum) : null;
        return data is not null;
    }
}
