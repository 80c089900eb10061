using DnsLb.Transfer.Identity;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Answering;

/// <summary>
/// Signed queries and NSID. A query carrying a TSIG record (a secondary's SOA check, RFC 8945) is checked
/// before it is answered: a bad one gets the TSIG error answer (FORMERR, or NOTAUTH with BADKEY, BADSIG or
/// BADTIME), a good one an answer signed with the same key. A query whose OPT asks for NSID gets the
/// server's identity in the OPT of its answer (RFC 5001 §2.2), whatever the answer.
/// </summary>
internal sealed partial class QueryEngine
{
    /// <summary>
    /// Checks a signed query's TSIG; true when it is valid (the exchange that signs the answer is kept in
    /// <paramref name="extras"/>), else the TSIG error answer is written and its length given in <paramref name="refusal"/>.
    /// </summary>
    private bool TryVerify(ReadOnlySpan<byte> query, Span<byte> response, ref ResponseExtras extras, out int refusal)
    {
        var verification = TsigServerExchange.Verify(query, transfers.Keys, time);
        if (verification.Status == TsigStatus.Valid)
        {
            extras.Tsig = verification.Exchange;
            refusal = 0;
            return true;
        }
        using var exchange = verification.Exchange;
        refusal = verification.Status == TsigStatus.Unsigned ? 0 : TsigErrorResponse.Write(query, response[..extras.Limit], verification);
        extras.AddNsid = false;
        return false;
    }

    /// <summary>Adds the extras to the <paramref name="length"/> bytes written: the NSID into the OPT, then the TSIG record.</summary>
    private int Complete(Span<byte> response, int length, in ResponseExtras extras)
    {
        if (length == 0)
            return 0;
        if (extras.AddNsid)
            length = Nsid.AppendToOpt(response, length, extras.Limit - (extras.Tsig?.RecordSize ?? 0), _identity);
        if (extras.Tsig is { } tsig && !tsig.TrySign(response[..extras.Limit], length, out length))
            return 0;
        return length;
    }
}
