namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The outcome of <see cref="TsigServerExchange.Verify"/>: the status, the key when it was found, and for a
/// valid request the exchange that signs the response messages.
/// </summary>
public sealed class TsigVerification
{
    internal TsigVerification(TsigStatus status, TsigRecord? record, TsigKey? key, TsigServerExchange? exchange)
    {
        Status = status;
        Record = record;
        Key = key;
        Exchange = exchange;
    }

    public TsigStatus Status { get; }

    /// <summary>The key the request was signed with, when we know it (Valid, BadSig, BadTime).</summary>
    public TsigKey? Key { get; }

    /// <summary>Signs the response, message by message; set when <see cref="Status"/> is Valid or BadTime.</summary>
    public TsigServerExchange? Exchange { get; }

    /// <summary>True when a TSIG error response (NOTAUTH) is due: BadKey, BadSig or BadTime.</summary>
    public bool IsTsigError => Status is TsigStatus.BadKey or TsigStatus.BadSig or TsigStatus.BadTime;

    internal TsigRecord? Record { get; }

    /// <summary>The request's length without its TSIG record (its ARCOUNT still counts it).</summary>
    public int UnsignedLength(int messageLength) => Record?.Start ?? messageLength;
}
