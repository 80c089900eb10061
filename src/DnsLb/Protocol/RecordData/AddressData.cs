using System.Net;
using System.Net.Sockets;

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

    public static ParseStatus TryRead(ReadOnlySpan<byte> rdata, RecordType type, out RData? data)
    {
        data = null;
        int expected = type == RecordType.A ? 4 : 16;
        if (rdata.Length != expected)
            return ParseStatus.BadRecordData;
        data = new AddressData(new IPAddress(rdata));
        return ParseStatus.Ok;
    }
}
