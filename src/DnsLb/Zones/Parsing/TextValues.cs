using DnsLb.Protocol.Presentation;

namespace DnsLb.Zones.Parsing;

/// <summary>The scalar values of master-file directives and record headers ($TTL, a record's TTL).</summary>
internal static class TextValues
{
    /// <summary>A TTL: seconds, or BIND's unit form such as <c>1h30m</c> (s m h d w).</summary>
    public static bool TryParseTtl(string text, out uint seconds) => TimeValue.TryParse(text, out seconds);
}
