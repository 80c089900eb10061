using DnsLb.Protocol;
using DnsLb.Protocol.Presentation;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Hands the RDATA tokens of a master-file entry to the record-data types (<see cref="RDataParser"/>),
/// each of which reads its own presentation form; a zone file only adds where the tokens came from.
/// </summary>
internal static class RDataTextParser
{
    public static bool TryParse(RecordType type, IReadOnlyList<ZoneToken> tokens, DnsName origin, out RData? data, out string? error)
    {
        var fields = new TextField[tokens.Count];
        for (int i = 0; i < fields.Length; i++)
            fields[i] = new TextField(tokens[i].Text, tokens[i].Quoted);
        return RDataParser.TryParse(type, fields, origin, out data, out error);
    }
}
