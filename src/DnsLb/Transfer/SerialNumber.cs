using System.Globalization;

namespace DnsLb.Transfer;

/// <summary>
/// A zone's SOA serial in RFC 1982 serial number arithmetic (SERIAL_BITS = 32): it wraps, so "newer" means
/// "less than half the circle ahead", and two serials exactly half a circle apart are not ordered at all
/// (<see cref="Compare"/> returns null). Secondaries judge versions this way, so a served serial must only
/// ever move forward in it: <see cref="Next"/>.
/// </summary>
public readonly record struct SerialNumber(uint Value)
{
    /// <summary>RFC 1982 §3.1: at most 2^31 − 1 may be added at once.</summary>
    public const uint MaxIncrement = int.MaxValue;

    private const uint Half = 1u << 31;

    /// <summary>RFC 1982 §3.1: addition modulo 2^32 of an increment up to <see cref="MaxIncrement"/>.</summary>
    public SerialNumber Add(uint increment)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(increment, MaxIncrement);
        return new SerialNumber(unchecked(Value + increment));
    }

    /// <summary>
    /// RFC 1982 §3.2: −1 when <paramref name="a"/> is older than <paramref name="b"/>, 0 when equal, 1 when
    /// newer, null when they are exactly 2^31 apart (undefined: neither is newer).
    /// </summary>
    public static int? Compare(SerialNumber a, SerialNumber b)
    {
        uint forward = unchecked(b.Value - a.Value); // how far b lies ahead of a on the circle
        return forward switch
        {
            0 => 0,
            Half => null,
            < Half => -1,
            _ => 1,
        };
    }

    public bool IsNewerThan(SerialNumber other) => Compare(this, other) == 1;

    public bool IsOlderThan(SerialNumber other) => Compare(this, other) == -1;

    /// <summary>
    /// The serial to serve for a new version whose content carries <paramref name="contentSerial"/> (the
    /// file's, or the primary's) after <paramref name="lastServed"/>: the content's serial when it is newer,
    /// else one above the last served, so serials never go backwards nor repeat for different content
    /// (max(file serial, last + 1) in RFC 1982 terms). Without a last served serial, the content's.
    /// </summary>
    public static SerialNumber Next(SerialNumber contentSerial, SerialNumber? lastServed) =>
        lastServed is not { } last || contentSerial.IsNewerThan(last) ? contentSerial : last.Add(1);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
