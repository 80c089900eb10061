using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.Zones;

/// <summary>Master-file tokens (RFC 1035 §5.1) as positions in the text: entries, quotes, escapes, parentheses.</summary>
public sealed class ZoneTokenizerTests
{
    private static (List<string> Entries, List<string> Errors) Tokenize(string text)
    {
        var errors = new List<string>();
        var tokenizer = new ZoneTokenizer(text, (line, message) => errors.Add($"{line}: {message}"));
        var tokens = new List<TokenSpan>();
        var entries = new List<string>();
        while (tokenizer.TryReadEntry(tokens, out var entry))
        {
            var shown = tokens.Select(t => t.Quoted ? $"\"{t.In(text)}\"" : t.In(text).ToString());
            entries.Add($"{entry.Line}{(entry.OwnerOmitted ? " _" : "")}: {string.Join('|', shown)}");
        }
        return (entries, errors);
    }

    [Fact]
    public void Tokenize_LinesAndBlanks_GiveOneEntryPerLine()
    {
        var (entries, errors) = Tokenize("a A 1\n\n\t  B A 2 ; note\n  C\tA 3");
        Assert.Equal(["1: a|A|1", "3 _: B|A|2", "4 _: C|A|3"], entries);
        Assert.Empty(errors);
    }

    [Fact]
    public void Tokenize_CarriageReturns_AreBlankSpace()
    {
        var (entries, _) = Tokenize("a A 1\r\n\r\n  b A 2\r\n");
        Assert.Equal(["1: a|A|1", "3 _: b|A|2"], entries);
    }

    [Fact]
    public void Tokenize_Parentheses_JoinLines_EvenWithoutBlanksAround()
    {
        var (entries, errors) = Tokenize("@ SOA ns(1 ; serial\n 2)x\nnext A 1\n");
        Assert.Equal(["1: @|SOA|ns|1|2|x", "3: next|A|1"], entries);
        Assert.Empty(errors);
    }

    [Fact]
    public void Tokenize_QuotedStrings_KeepBlanksSemicolonsAndEscapes()
    {
        var (entries, errors) = Tokenize("t TXT \"a; b\"\"\" \"q\\\"x\" un\\ quoted\n");
        Assert.Equal(["1: t|TXT|\"a; b\"|\"\"|\"q\\\"x\"|un\\ quoted"], entries);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("t TXT \"open\nnext A 1\n", "1: quoted string is not closed before the end of the line")]
    [InlineData("t TXT \"open\\\nnext A 1\n", "1: quoted string is not closed before the end of the line")]
    [InlineData("a A 1 )\n", "1: ')' without a matching '('")]
    [InlineData("a\\\nb A 1\n", "1: '\\' at the end of a line")]
    [InlineData("\n\na SOA ( 1\n2\n", "3: '(' is never closed")]
    public void Tokenize_Problems_AreReportedWithTheirLine(string text, string expected) =>
        Assert.Equal([expected], Tokenize(text).Errors);

    [Fact]
    public void Tokenize_EntryAfterAnUnclosedQuote_StartsOnTheNextLine()
    {
        var (entries, _) = Tokenize("t TXT \"open\nnext A 1\n");
        Assert.Equal(["1: t|TXT|\"open\"", "2: next|A|1"], entries);
    }
}
