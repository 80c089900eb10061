using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The server's side of one signed exchange (RFC 8945 §5.2, §5.3): checks the request, then signs each
/// response message in the order it is sent. The first carries the request MAC and the TSIG variables
/// (§4.3.2); each later one the prior MAC and only the timers (§5.3.1), so a zone transfer is one chain. We
/// sign every message, as §5.3.1 requires of a server. Holds a running HMAC: dispose it when the response is out.
/// </summary>
public sealed class TsigServerExchange : IDisposable
{
    /// <summary>The fudge we sign with: the five minutes RFC 8945 §10 recommends.</summary>
    public const ushort DefaultFudge = 300;

    private readonly TsigKey _key;
    private readonly TimeProvider _time;
    private readonly ushort _originalId;
    private readonly byte[] _requestMac;
    private readonly TsigDigest _digest;
    private bool _first = true;

    private TsigServerExchange(TsigKey key, byte[] requestMac, ushort originalId, TimeProvider time)
    {
        _key = key;
        _requestMac = requestMac;
        _originalId = originalId;
        _time = time;
        _digest = new TsigDigest(key);
    }

    public TsigKey Key => _key;

    /// <summary>The room a signed message needs for its TSIG record: keep this many bytes free in every message.</summary>
    public int RecordSize => TsigRecordWriter.Size(_key);

    /// <summary>
    /// Checks <paramref name="request"/>'s TSIG as RFC 8945 §5.2 orders it: placement and format (FORMERR),
    /// key and algorithm (BADKEY), MAC (BADSIG), then time against <paramref name="time"/> (BADTIME).
    /// </summary>
    public static TsigVerification Verify(ReadOnlySpan<byte> request, TsigKeyRing keys, TimeProvider time)
    {
        switch (TsigRecord.Locate(request, out var record))
        {
            case TsigPresence.Absent:
                return new TsigVerification(TsigStatus.Unsigned, null, null, null);
            case TsigPresence.Malformed:
                return new TsigVerification(TsigStatus.FormErr, null, null, null);
        }
        var tsig = record!;
        if (!keys.TryFind(tsig.KeyName.Wire, out var key)
            || !TsigAlgorithms.TryFromWire(tsig.AlgorithmName.Wire, out var algorithm) || algorithm != key.Algorithm)
        {
            return new TsigVerification(TsigStatus.BadKey, tsig, null, null);
        }
        if (!TsigMac.HasAllowedLength(tsig.Mac.Length, key.Algorithm))
            return new TsigVerification(TsigStatus.FormErr, tsig, key, null);
        using (var digest = new TsigDigest(key))
        {
            digest.AddMessage(request[..tsig.Start], tsig.OriginalId, tsigCounted: true);
            digest.AddVariables(tsig.TimeSigned, tsig.Fudge, tsig.Error, tsig.OtherData);
            if (!TsigMac.Matches(digest.Finish(), tsig.Mac))
                return new TsigVerification(TsigStatus.BadSig, tsig, key, null);
        }
        var exchange = new TsigServerExchange(key, tsig.Mac, tsig.OriginalId, time);
        var status = TsigMac.IsInWindow(TsigMac.Now(time), tsig.TimeSigned, tsig.Fudge) ? TsigStatus.Valid : TsigStatus.BadTime;
        return new TsigVerification(status, tsig, key, exchange);
    }

    /// <summary>
    /// Signs the next response message, the <paramref name="length"/> bytes at the start of
    /// <paramref name="buffer"/>, appending the TSIG record after them. False when it does not fit.
    /// </summary>
    public bool TrySign(Span<byte> buffer, int length, out int signedLength)
    {
        long now = TsigMac.Now(_time);
        if (_first)
            _digest.AddMac(_requestMac);
        _digest.AddMessage(buffer[..length], _originalId, tsigCounted: false);
        if (_first)
            _digest.AddVariables(now, DefaultFudge, 0, []);
        else
            _digest.AddTimers(now, DefaultFudge);
        var mac = _digest.Finish();
        _first = false;
        _digest.AddMac(mac); // the prior MAC opens the next message's digest
        return TsigRecordWriter.TryAppend(buffer, length, _key.Name.Wire, TsigAlgorithms.WireName(_key.Algorithm).Wire, now, DefaultFudge,
            mac, _originalId, 0, [], out signedLength);
    }

    /// <summary>
    /// A message sent without a TSIG record between signed ones. RFC 8945 §5.3.1 has servers sign every
    /// message; clients still accept up to 99 unsigned ones in a row, which is what this lets a test send.
    /// </summary>
    internal void AddUnsigned(ReadOnlySpan<byte> message)
    {
        if (_first)
            throw new InvalidOperationException("the first message of a response is always signed");
        _digest.AddMessage(message, BinaryPrimitives.ReadUInt16BigEndian(message), tsigCounted: false);
    }

    /// <summary>
    /// Signs a BADTIME error response (RFC 8945 §5.2.3): with the request MAC and variables, but the client's
    /// Time Signed and Fudge, and our clock in Other Data, so the client can check it and learn our time.
    /// </summary>
    internal bool TrySignBadTime(Span<byte> buffer, int length, long clientTime, ushort clientFudge, out int signedLength)
    {
        Span<byte> other = stackalloc byte[6];
        TsigDigest.WriteTime(other, TsigMac.Now(_time));
        _digest.AddMac(_requestMac);
        _digest.AddMessage(buffer[..length], _originalId, tsigCounted: false);
        _digest.AddVariables(clientTime, clientFudge, (ushort)TsigError.BadTime, other);
        var mac = _digest.Finish();
        _first = false;
        return TsigRecordWriter.TryAppend(buffer, length, _key.Name.Wire, TsigAlgorithms.WireName(_key.Algorithm).Wire, clientTime, clientFudge,
            mac, _originalId, (ushort)TsigError.BadTime, other, out signedLength);
    }

    // Not inlined: the query path disposes an exchange when there is one, and the optimising JIT, inlining
    // this into it, would load System.Security.Cryptography (about 1 MiB) into every DnsLb under load.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Dispose() => _digest.Dispose();
}
