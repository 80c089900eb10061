namespace DnsLb.Protocol.RecordData;

/// <summary>
/// Decodes the RDATA of a record read by <see cref="DnsMessageReader"/>, by type: each type's own file
/// reads its fields; a type without one is kept as opaque bytes (RFC 3597 §5). Malformed RDATA, a field
/// that runs past RDLENGTH or bytes left over, is <see cref="ParseStatus.BadRecordData"/>, never an exception.
/// </summary>
public static class RDataReader
{
    /// <param name="pointersAllowed">False for RDATA that stands alone (RFC 3597 §5 text): no compression there.</param>
    public static ParseStatus TryRead(ReadOnlySpan<byte> message, in RecordHeader record, out RData? data, bool pointersAllowed = true)
    {
        var rdata = new RDataCursor(message, record.RDataOffset, record.RDataLength, pointersAllowed);
        var type = record.Type;
        bool ok = type switch
        {
            RecordType.A or RecordType.AAAA => AddressData.TryRead(ref rdata, type, out data),
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME => NameData.TryRead(ref rdata, type, out data),
            RecordType.SOA => SoaData.TryRead(ref rdata, out data),
            RecordType.HINFO => HinfoData.TryRead(ref rdata, out data),
            RecordType.MX => MxData.TryRead(ref rdata, out data),
            RecordType.TXT or RecordType.SPF => TxtData.TryRead(ref rdata, type, out data),
            RecordType.RP => RpData.TryRead(ref rdata, out data),
            RecordType.AFSDB => AfsdbData.TryRead(ref rdata, out data),
            RecordType.LOC => LocData.TryRead(ref rdata, out data),
            RecordType.SRV => SrvData.TryRead(ref rdata, out data),
            RecordType.NAPTR => NaptrData.TryRead(ref rdata, out data),
            RecordType.KX => KxData.TryRead(ref rdata, out data),
            RecordType.CERT => CertData.TryRead(ref rdata, out data),
            RecordType.DS or RecordType.CDS => DsData.TryRead(ref rdata, type, out data),
            RecordType.SSHFP => SshfpData.TryRead(ref rdata, out data),
            RecordType.RRSIG => RrsigData.TryRead(ref rdata, out data),
            RecordType.NSEC => NsecData.TryRead(ref rdata, out data),
            RecordType.DNSKEY or RecordType.CDNSKEY => DnskeyData.TryRead(ref rdata, type, out data),
            RecordType.DHCID => DhcidData.TryRead(ref rdata, out data),
            RecordType.NSEC3 => Nsec3Data.TryRead(ref rdata, out data),
            RecordType.NSEC3PARAM => Nsec3ParamData.TryRead(ref rdata, out data),
            RecordType.TLSA or RecordType.SMIMEA => TlsaData.TryRead(ref rdata, type, out data),
            RecordType.OPENPGPKEY => OpenPgpKeyData.TryRead(ref rdata, out data),
            RecordType.CSYNC => CsyncData.TryRead(ref rdata, out data),
            RecordType.ZONEMD => ZonemdData.TryRead(ref rdata, out data),
            RecordType.SVCB or RecordType.HTTPS => SvcbData.TryRead(ref rdata, type, out data),
            RecordType.URI => UriData.TryRead(ref rdata, out data),
            RecordType.CAA => CaaData.TryRead(ref rdata, out data),
            _ => Opaque(ref rdata, type, out data),
        };
        if (ok && rdata.AtEnd)
            return ParseStatus.Ok;
        data = null;
        return ParseStatus.BadRecordData;
    }

    private static bool Opaque(ref RDataCursor rdata, RecordType type, out RData? data)
    {
        data = new UnknownData(type, rdata.ReadRest());
        return true;
    }
}
