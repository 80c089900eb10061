using DnsLb.Answering;
using DnsLb.Protocol;

namespace DnsLb.Status.Metrics;

/// <summary>
/// The small fixed label sets of the query counters, and the index of each value: a query's transport, type
/// and rcode each map to a position by a switch (no lookup, no string), anything not listed to "other".
/// </summary>
internal static class QueryLabels
{
    public static readonly string[] Transports = ["udp", "tcp", "other"];

    public static readonly string[] Types =
        ["A", "AAAA", "CNAME", "MX", "NS", "PTR", "SOA", "SRV", "TXT", "CAA", "HTTPS", "SVCB", "DS", "DNSKEY", "ANY", "AXFR", "IXFR", "other"];

    public static readonly string[] Rcodes = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "NOTAUTH", "BADVERS", "other"];

    /// <summary>Cells of a counter over every combination.</summary>
    public static int Combinations => Transports.Length * Types.Length * Rcodes.Length;

    public static int Index(DnsTransport transport, RecordType type, ResponseCode rcode) =>
        Cell(TransportIndex(transport), TypeIndex(type), RcodeIndex(rcode));

    /// <summary>The cell of the transport, type and rcode at these positions of the label sets.</summary>
    public static int Cell(int transport, int type, int rcode) => (((transport * Types.Length) + type) * Rcodes.Length) + rcode;

    public static int TransportIndex(DnsTransport transport) => transport switch
    {
        DnsTransport.Udp => 0,
        DnsTransport.Tcp => 1,
        _ => 2,
    };

    public static int TypeIndex(RecordType type) => type switch
    {
        RecordType.A => 0,
        RecordType.AAAA => 1,
        RecordType.CNAME => 2,
        RecordType.MX => 3,
        RecordType.NS => 4,
        RecordType.PTR => 5,
        RecordType.SOA => 6,
        RecordType.SRV => 7,
        RecordType.TXT => 8,
        RecordType.CAA => 9,
        RecordType.HTTPS => 10,
        RecordType.SVCB => 11,
        RecordType.DS => 12,
        RecordType.DNSKEY => 13,
        RecordType.ANY => 14,
        RecordType.AXFR => 15,
        RecordType.IXFR => 16,
        _ => 17,
    };

    public static int RcodeIndex(ResponseCode rcode) => rcode switch
    {
        ResponseCode.NoError => 0,
        ResponseCode.FormErr => 1,
        ResponseCode.ServFail => 2,
        ResponseCode.NXDomain => 3,
        ResponseCode.NotImp => 4,
        ResponseCode.Refused => 5,
        ResponseCode.YXDomain => 6,
        ResponseCode.NotAuth => 7,
        ResponseCode.BadVers => 8,
        _ => 9,
    };
}
