namespace DnsLb.Protocol.RecordData;

/// <summary>Decodes the RDATA of a record read by <see cref="DnsMessageReader"/>, by type.</summary>
public static class RDataReader
{
    public static ParseStatus TryRead(ReadOnlySpan<byte> message, in RecordHeader record, out RData? data)
    {
        var rdata = message.Slice(record.RDataOffset, record.RDataLength);
        return record.Type switch
        {
            RecordType.A or RecordType.AAAA => AddressData.TryRead(rdata, record.Type, out data),
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME =>
                NameData.TryRead(message, record.RDataOffset, record.RDataLength, record.Type, out data),
            RecordType.SOA => SoaData.TryRead(message, record.RDataOffset, record.RDataLength, out data),
            RecordType.MX => MxData.TryRead(message, record.RDataOffset, record.RDataLength, out data),
            RecordType.SRV => SrvData.TryRead(message, record.RDataOffset, record.RDataLength, out data),
            RecordType.TXT => TxtData.TryRead(rdata, out data),
            RecordType.CAA => CaaData.TryRead(rdata, out data),
            _ => Opaque(record.Type, rdata, out data),
        };
    }

    private static ParseStatus Opaque(RecordType type, ReadOnlySpan<byte> rdata, out RData? data)
    {
        data = new UnknownData(type, rdata);
        return ParseStatus.Ok;
    }
}
