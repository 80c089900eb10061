using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// LOC (RFC 1876 §2), version 0: size, horizontal and vertical precision (mantissa and exponent in cm),
/// latitude and longitude (thousandths of an arc second from the equator and meridian, offset by 2^31),
/// and altitude (cm above 100,000 m below the WGS 84 spheroid). Other versions have another layout and are
/// kept opaque (RFC 1876 §2: "must be zero").
/// </summary>
public sealed class LocData(byte size, byte horizontalPrecision, byte verticalPrecision, uint latitude, uint longitude, uint altitude) : RData
{
    private const long AltitudeBase = 10_000_000; // 100,000 m in cm

    public byte Size { get; } = size;
    public byte HorizontalPrecision { get; } = horizontalPrecision;
    public byte VerticalPrecision { get; } = verticalPrecision;
    public uint Latitude { get; } = latitude;
    public uint Longitude { get; } = longitude;
    public uint Altitude { get; } = altitude;

    public override RecordType Type => RecordType.LOC;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte(0) && writer.TryWriteByte(Size) && writer.TryWriteByte(HorizontalPrecision) && writer.TryWriteByte(VerticalPrecision)
        && writer.TryWriteUInt32(Latitude) && writer.TryWriteUInt32(Longitude) && writer.TryWriteUInt32(Altitude);

    public override string ToString()
    {
        if (!LocText.IsCanonicalSize(Size) || !LocText.IsCanonicalSize(HorizontalPrecision) || !LocText.IsCanonicalSize(VerticalPrecision))
            return UnknownData.Generic(Wire);
        var sb = new StringBuilder();
        LocText.AppendAngle(sb, Latitude, "NS");
        sb.Append(' ');
        LocText.AppendAngle(sb, Longitude, "EW");
        sb.Append(' ');
        LocText.AppendAltitude(sb, Altitude - AltitudeBase);
        foreach (byte value in (ReadOnlySpan<byte>)[Size, HorizontalPrecision, VerticalPrecision])
        {
            sb.Append(' ');
            LocText.AppendSize(sb, LocText.DecodeSize(value));
        }
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadByte(out byte version))
            return false;
        if (version != 0)
        {
            var all = rdata.ReadRest();
            data = new UnknownData(RecordType.LOC, [version, .. all]);
            return true;
        }
        if (!rdata.TryReadByte(out byte size) || !rdata.TryReadByte(out byte horizontal) || !rdata.TryReadByte(out byte vertical)
            || !rdata.TryReadUInt32(out uint latitude) || !rdata.TryReadUInt32(out uint longitude) || !rdata.TryReadUInt32(out uint altitude))
            return false;
        if (!IsDigits(size) || !IsDigits(horizontal) || !IsDigits(vertical)
            || !LocText.IsValidAngle(latitude, 90) || !LocText.IsValidAngle(longitude, 180))
            return false;
        data = new LocData(size, horizontal, vertical, latitude, longitude, altitude);
        return true;
    }

    private static bool IsDigits(byte size) => size >> 4 <= 9 && (size & 0xF) <= 9;

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!LocText.TryParseAngle(fields, "latitude", "NS", 90, out uint latitude)
            || !LocText.TryParseAngle(fields, "longitude", "EW", 180, out uint longitude)
            || !fields.TryNext("altitude", out var altitudeField))
            return false;
        if (!LocText.TryParseMetres(altitudeField.Text, signed: true, out long altitude)
            || altitude < -AltitudeBase || altitude + AltitudeBase > uint.MaxValue)
            return fields.Fail($"LOC altitude '{altitudeField.Text}' is not metres from -100000.00 to 42849672.95");
        // Defaults of RFC 1876 §3: size 1 m, horizontal precision 10,000 m, vertical precision 10 m.
        Span<byte> sizes = [0x12, 0x16, 0x13];
        string[] names = ["size", "horizontal precision", "vertical precision"];
        for (int i = 0; i < 3 && fields.HasMore; i++)
        {
            fields.TryNext(names[i], out var field);
            if (!LocText.TryParseMetres(field.Text, signed: false, out long centimetres) || centimetres > 9_000_000_000)
                return fields.Fail($"LOC {names[i]} '{field.Text}' is not metres from 0 to 90000000.00");
            sizes[i] = LocText.EncodeSize(centimetres);
        }
        data = new LocData(sizes[0], sizes[1], sizes[2], latitude, longitude, (uint)(altitude + AltitudeBase));
        return true;
    }
}
