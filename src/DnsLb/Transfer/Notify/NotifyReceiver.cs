using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Notify;

/// <summary>
/// Judges an incoming NOTIFY (RFC 1996 §3, §4) and writes its answer, as a pure function the query engine
/// calls: the TSIG first (RFC 8945 §5.2), then the question (one, type SOA, class IN: else FORMERR), the zone
/// (one we are secondary for: else NOTAUTH), the sender (one of the zone's primaries, by address, and signed
/// with the zone's key when it has one: else REFUSED). An accepted NOTIFY is acknowledged (NOERROR, AA, the
/// question echoed, signed when it was) and means "refresh the zone now"; the SOA it may carry is only a hint
/// (RFC 1996 §3.7): the refresh still asks the primary.
/// </summary>
internal static class NotifyReceiver
{
    public static NotifyDecision Evaluate(ReadOnlySpan<byte> message, IPAddress source, IReadOnlyList<SecondaryZone> zones, TsigKeyRing keys,
        TimeProvider time, Span<byte> response)
    {
        if (!NotifyMessage.IsNotify(message))
            return new NotifyDecision(NotifyVerdict.Ignored, null, null, 0);
        var verification = TsigServerExchange.Verify(message, keys, time);
        using var exchange = verification.Exchange;
        if (verification.Status == TsigStatus.FormErr || verification.IsTsigError)
        {
            var verdict = verification.Status == TsigStatus.FormErr ? NotifyVerdict.FormErr : NotifyVerdict.TsigRejected;
            return new NotifyDecision(verdict, null, null, TsigErrorResponse.Write(message, response, verification));
        }
        if (DnsMessage.TryParse(message, out var parsed) != ParseStatus.Ok
            || parsed!.Questions is not [{ Type: RecordType.SOA, Class: (ushort)RecordClass.IN } question])
        {
            return Answer(NotifyVerdict.FormErr, ResponseCode.FormErr, null, null, message, response, verification);
        }
        var zone = Find(zones, question.Name);
        if (zone is null)
            return Answer(NotifyVerdict.NotAuth, ResponseCode.NotAuth, null, null, message, response, verification);
        bool signedWithItsKey = zone.Key is null
            || (verification.Status == TsigStatus.Valid && verification.Key!.Name.Equals(zone.Key.Name) && verification.Key.Algorithm == zone.Key.Algorithm);
        if (!zone.IsPrimary(source) || !signedWithItsKey)
            return Answer(NotifyVerdict.Refused, ResponseCode.Refused, zone, null, message, response, verification);
        uint? hint = parsed.Answers.Find(r => r.Data is SoaData && r.Owner.Equals(zone.Origin))?.Data is SoaData soa ? soa.Serial : null;
        return Answer(NotifyVerdict.Refresh, ResponseCode.NoError, zone, hint, message, response, verification);
    }

    private static SecondaryZone? Find(IReadOnlyList<SecondaryZone> zones, DnsName name)
    {
        foreach (var zone in zones)
        {
            if (zone.Origin.Equals(name))
                return zone;
        }
        return null;
    }

    private static NotifyDecision Answer(NotifyVerdict verdict, ResponseCode rcode, SecondaryZone? zone, uint? hint, ReadOnlySpan<byte> message,
        Span<byte> response, TsigVerification verification)
    {
        int length = ShortResponse.Write(message, response, rcode, authoritative: rcode == ResponseCode.NoError);
        if (length > 0 && verification.Status == TsigStatus.Valid && !verification.Exchange!.TrySign(response, length, out length))
            length = 0;
        return new NotifyDecision(verdict, zone, hint, length);
    }
}
