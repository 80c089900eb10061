using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>A (RFC 1035 §3.4.1, 4 bytes) and AAAA (RFC 3596 §2.2, 16 bytes): an address in network order.</summary>
public sealed class AddressData : RData
{
    private readonly byte[] _bytes;

    public AddressData(IPAddress address)
    {
        Address = address;
        _bytes = address.GetAddressBytes();
    }

    public IPAddress Address { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public override RecordType Type => Address.AddressFamily == AddressFamily.InterNetwork ? RecordType.A : RecordType.AAAA;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteBytes(_bytes);

    public override string ToString() => Address.ToString();

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadBytes(type == RecordType.A ? 4 : 16, out var bytes))
            return false;
        data = new AddressData(new IPAddress(bytes));
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        var family = fields.Type == RecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (!fields.TryNext("address", out var field))
            return false;
        if (!TryParseAddress(field.Text, family, out var address))
            return fields.Fail($"'{field.Text}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        data = new AddressData(address);
        return true;
    }

    /// <summary>
    /// Dotted-quad IPv4 (four decimal parts, as RFC 1035 §3.4.1 writes it; not the shorthand forms that
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also takes) or RFC 4291 §2.2 IPv6 text.
    /// </summary>
    internal static bool TryParseAddress(string text, AddressFamily family, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        bool shapeOk = family == AddressFamily.InterNetwork
            ? text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit))
            : text.Contains(':') && !text.Contains('%');
        return shapeOk && IPAddress.TryParse(text, out address) && address.AddressFamily == family;
    }
}
