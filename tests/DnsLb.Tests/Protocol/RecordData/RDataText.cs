using DnsLb.Protocol;
using DnsLb.Protocol.Presentation;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>Reads RDATA the way a zone file gives it (through the real tokenizer) and reads wire RDATA back.</summary>
internal static class RDataText
{
    public static readonly DnsName Origin = DnsName.Parse("example.com.");

    public static bool TryParse(string type, string text, out RData? data, out string? error)
    {
        Assert.True(RecordTypeNames.TryParse(type, out var recordType), type);
        var tokenizer = new ZoneTokenizer(text, (line, message) => Assert.Fail($"tokenizer: {message}"));
        var tokens = new List<TokenSpan>();
        var fields = new List<TextField>();
        while (tokenizer.TryReadEntry(tokens, out _))
            fields.AddRange(tokens.Select(t => new TextField(t.ToToken(text).Text, t.Quoted)));
        return RDataParser.TryParse(recordType, [.. fields], Origin, out data, out error);
    }

    public static RData Parse(string type, string text)
    {
        Assert.True(TryParse(type, text, out var data, out var error), error);
        return data!;
    }

    public static string Error(string type, string text)
    {
        Assert.False(TryParse(type, text, out _, out var error), $"'{text}' was accepted");
        return error!;
    }

    /// <summary>Decodes standalone RDATA as if it were a record's in a message.</summary>
    public static ParseStatus TryRead(RecordType type, byte[] rdata, out RData? data) =>
        RDataReader.TryRead(rdata, new RecordHeader(0, type, 1, 0, 0, rdata.Length), out data);

    public static RData Read(RecordType type, byte[] rdata)
    {
        Assert.Equal(ParseStatus.Ok, TryRead(type, rdata, out var data));
        return data!;
    }
}
