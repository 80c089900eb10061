namespace DnsLb.Tests.Forwarding;

/// <summary>How a <see cref="FakeUpstream"/> behaves.</summary>
public enum UpstreamMode
{
    /// <summary>Answers from its table: records, NODATA or NXDOMAIN with its SOA.</summary>
    Normal,

    /// <summary>Receives and counts, never answers.</summary>
    Silent,

    /// <summary>Answers normally after <see cref="FakeUpstream.Delay"/>.</summary>
    Slow,

    /// <summary>Holds every answer until <see cref="FakeUpstream.Release"/>, then answers normally.</summary>
    Held,

    ServFail,
    Refused,

    /// <summary>Over UDP: only answers with a wrong ID.</summary>
    WrongIdOnly,

    /// <summary>Over UDP: an answer with a wrong ID (and false data), then the right one.</summary>
    WrongIdThenRight,

    /// <summary>Over UDP: false data from another port first, then the right answer from the right one.</summary>
    WrongSourceThenRight,

    /// <summary>Over UDP: every answer truncated (TC=1, no records); TCP answers whole.</summary>
    TruncateUdp,

    /// <summary>An answer that cannot be read (records cut off).</summary>
    Malformed,
}
