using DnsLb.Protocol;

namespace DnsLb.Tests.Support;

/// <summary>
/// A response reduced to what two correct servers must agree on: rcode, AA/TC, the question, each section as
/// a set of records (order aside), and the OPT record whole (payload size, flags, options such as EDE).
/// </summary>
internal sealed record AnswerShape(int Rcode, bool Authoritative, bool Truncated, string Question, string Answer, string Authority, string Additional, string Opt)
{
    public static AnswerShape Of(DnsMessage message) => new(
        message.ResponseCode,
        message.Header.IsAuthoritative,
        message.Header.IsTruncated,
        string.Join(" | ", message.Questions.Select(q => $"{q.Name} {ResourceRecord.TypeName(q.Type)} {q.Class}")),
        Set(message.Answers),
        Set(message.Authorities),
        Set(message.Additionals.Where(r => r.Type != RecordType.OPT)),
        message.Opt is { } opt ? $"payload {opt.Class} ttl {opt.Ttl:X8} {opt.Data}" : "none");

    private static string Set(IEnumerable<ResourceRecord> records) =>
        string.Join("\n", records.Select(r => r.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal));

    public override string ToString() =>
        $"rcode={Rcode} aa={Authoritative} tc={Truncated}\nQ: {Question}\nAN:\n{Answer}\nNS:\n{Authority}\nAR:\n{Additional}\nOPT: {Opt}";
}
