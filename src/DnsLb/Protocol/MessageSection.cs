namespace DnsLb.Protocol;

/// <summary>The three record sections of a message, in the order they are written (RFC 1035 §4.1).</summary>
public enum MessageSection
{
    Answer,
    Authority,
    Additional,
}
