using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Support;

/// <summary>The Extended DNS Error (RFC 8914, EDNS option 15) a response carries, if any.</summary>
internal static class ExtendedErrors
{
    public static ExtendedDnsError? Of(DnsMessage response)
    {
        if (response.Opt is not { Data: UnknownData data })
            return null;
        var rdata = data.Bytes;
        while (rdata.Length >= 4)
        {
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(rdata);
            int length = BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]);
            if (code == 15 && length >= 2)
                return (ExtendedDnsError)BinaryPrimitives.ReadUInt16BigEndian(rdata[4..]);
            rdata = rdata[(4 + length)..];
        }
        return null;
    }
}
