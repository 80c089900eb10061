namespace DnsLb.Transfer.Tsig;

/// <summary>Whether a message carries a TSIG record, and whether it is where RFC 8945 §5.2 wants it.</summary>
internal enum TsigPresence
{
    Absent,
    Present,
    Malformed,
}
