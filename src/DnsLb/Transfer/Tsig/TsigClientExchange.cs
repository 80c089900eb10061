using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The client's side of one signed exchange: signs the request (RFC 8945 §5.1), then checks each response
/// message in the order received. The first must be signed over the request MAC (§4.3.2); later ones chain
/// on the prior MAC (§5.3.1), and up to 99 unsigned ones in a row are accepted between signed ones, whose
/// bytes the next MAC then covers; the last must be signed (<see cref="Complete"/>). Any failure ends the
/// exchange: the caller drops the whole response. Holds a running HMAC: dispose it at the end.
/// </summary>
public sealed class TsigClientExchange : IDisposable
{
    /// <summary>RFC 8945 §5.3.1: a client accepts up to 99 intermediary messages without a TSIG.</summary>
    public const int MaxUnsignedRun = 99;

    private readonly TsigKey _key;
    private readonly TimeProvider _time;
    private readonly byte[] _requestMac;
    private readonly TsigDigest _digest;
    private bool _first = true;
    private int _unsignedRun;

    private TsigClientExchange(TsigKey key, byte[] requestMac, TimeProvider time)
    {
        _key = key;
        _requestMac = requestMac;
        _time = time;
        _digest = new TsigDigest(key);
    }

    public TsigKey Key => _key;

    /// <summary>The TSIG error the server answered with, when a check returned <see cref="TsigResponseCheck.Rejected"/>.</summary>
    public TsigError ServerError { get; private set; }

    /// <summary>
    /// Signs the request in <paramref name="buffer"/> (its first <paramref name="length"/> bytes), appending
    /// the TSIG record; the exchange that checks the response comes back. False when the record does not fit.
    /// </summary>
    public static bool TrySign(Span<byte> buffer, int length, TsigKey key, TimeProvider time, out int signedLength,
        [NotNullWhen(true)] out TsigClientExchange? exchange, ushort fudge = TsigServerExchange.DefaultFudge)
    {
        exchange = null;
        ushort id = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        long now = TsigMac.Now(time);
        byte[] mac;
        using (var digest = new TsigDigest(key))
        {
            digest.AddMessage(buffer[..length], id, tsigCounted: false);
            digest.AddVariables(now, fudge, 0, []);
            mac = digest.Finish();
        }
        if (!TsigRecordWriter.TryAppend(buffer, length, key.Name.Wire, TsigAlgorithms.WireName(key.Algorithm).Wire, now, fudge, mac, id, 0, [], out signedLength))
            return false;
        exchange = new TsigClientExchange(key, mac, time);
        return true;
    }

    /// <summary>Checks the next response message (call in order, for every message of the response).</summary>
    public TsigResponseCheck Verify(ReadOnlySpan<byte> message)
    {
        switch (TsigRecord.Locate(message, out var found))
        {
            case TsigPresence.Malformed:
                return TsigResponseCheck.Malformed;
            case TsigPresence.Absent:
                if (_first || ++_unsignedRun > MaxUnsignedRun)
                    return TsigResponseCheck.Missing;
                _digest.AddMessage(message, BinaryPrimitives.ReadUInt16BigEndian(message), tsigCounted: false);
                return TsigResponseCheck.Unsigned;
        }
        var tsig = found!;
        if (!Protocol.WireName.EqualsIgnoreCase(tsig.KeyName.Wire, _key.Name.Wire)
            || !TsigAlgorithms.TryFromWire(tsig.AlgorithmName.Wire, out var algorithm) || algorithm != _key.Algorithm)
        {
            return TsigResponseCheck.BadKey;
        }
        if (tsig.Error != 0 && tsig.Mac.Length == 0)
        {
            ServerError = (TsigError)tsig.Error; // BADKEY, BADSIG: unsigned by rule (RFC 8945 §5.3.2)
            return TsigResponseCheck.Rejected;
        }
        if (!TsigMac.HasAllowedLength(tsig.Mac.Length, _key.Algorithm))
            return TsigResponseCheck.Malformed;
        if (_first)
            _digest.AddMac(_requestMac);
        _digest.AddMessage(message[..tsig.Start], tsig.OriginalId, tsigCounted: true);
        if (_first)
            _digest.AddVariables(tsig.TimeSigned, tsig.Fudge, tsig.Error, tsig.OtherData);
        else
            _digest.AddTimers(tsig.TimeSigned, tsig.Fudge);
        if (!TsigMac.Matches(_digest.Finish(), tsig.Mac))
            return TsigResponseCheck.BadSig;
        if (tsig.Error != 0)
        {
            ServerError = (TsigError)tsig.Error; // BADTIME comes signed (RFC 8945 §5.2.3)
            return TsigResponseCheck.Rejected;
        }
        if (!TsigMac.IsInWindow(TsigMac.Now(_time), tsig.TimeSigned, tsig.Fudge))
            return TsigResponseCheck.BadTime;
        _first = false;
        _unsignedRun = 0;
        _digest.AddMac(tsig.Mac);
        return TsigResponseCheck.Valid;
    }

    /// <summary>After the last message: it must have been signed (RFC 8945 §5.3.1).</summary>
    public TsigResponseCheck Complete() => !_first && _unsignedRun == 0 ? TsigResponseCheck.Valid : TsigResponseCheck.Missing;

    public void Dispose() => _digest.Dispose();
}
