namespace DnsLb.Transfer.Tsig;

/// <summary>The TSIG record's Error field (RFC 8945 §3, the IANA DNS RCODE registry's TSIG values).</summary>
public enum TsigError : ushort
{
    NoError = 0,

    /// <summary>The MAC does not verify (RFC 8945 §5.2.2).</summary>
    BadSig = 16,

    /// <summary>The key or its algorithm is unknown to the receiver (RFC 8945 §5.2.1).</summary>
    BadKey = 17,

    /// <summary>The signature's time lies outside Time Signed ± Fudge of the receiver's clock (RFC 8945 §5.2.3).</summary>
    BadTime = 18,

    /// <summary>The MAC is truncated below the receiver's policy (RFC 8945 §5.2.4).</summary>
    BadTrunc = 22,
}
