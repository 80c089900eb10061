using DnsLb.Protocol;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The answer to a request whose TSIG failed (RFC 8945 §5.2, §5.3.2): RCODE NOTAUTH and a TSIG record
/// whose Error says why. BADKEY and BADSIG are unsigned (MAC size 0: we cannot or must not sign with a key
/// the client's MAC did not prove); BADTIME is signed with the request's key, the client's Time Signed and
/// Fudge, and our clock in Other Data. A malformed TSIG is a plain FORMERR without a TSIG record.
/// </summary>
public static class TsigErrorResponse
{
    /// <summary>Writes the response to <paramref name="request"/>; returns its length (0 when nothing can be written).</summary>
    public static int Write(ReadOnlySpan<byte> request, Span<byte> response, TsigVerification verification)
    {
        if (verification.Status == TsigStatus.FormErr)
            return ShortResponse.Write(request, response, ResponseCode.FormErr, authoritative: false);
        if (!verification.IsTsigError || verification.Record is not { } tsig)
            throw new ArgumentException($"a {verification.Status} request needs no TSIG error response", nameof(verification));
        int length = ShortResponse.Write(request, response, ResponseCode.NotAuth, authoritative: false);
        if (length == 0)
            return 0;
        if (verification.Status == TsigStatus.BadTime)
            return verification.Exchange!.TrySignBadTime(response, length, tsig.TimeSigned, tsig.Fudge, out int signed) ? signed : 0;
        var error = verification.Status == TsigStatus.BadKey ? TsigError.BadKey : TsigError.BadSig;
        return TsigRecordWriter.TryAppend(response, length, tsig.KeyName.Wire, tsig.AlgorithmName.Wire, tsig.TimeSigned, tsig.Fudge, [],
            tsig.OriginalId, (ushort)error, [], out int unsigned) ? unsigned : 0;
    }
}
