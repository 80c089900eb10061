using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// Reads a record's RDATA from its presentation-form fields (RFC 1035 §5.1), by type: each type's own file
/// parses its fields; any type, known or not, may use RFC 3597 §5's <c>\# length hex</c>. A type without a
/// file of its own is accepted only in that form. On failure the error names the type and the field.
/// </summary>
internal static class RDataParser
{
    public static bool TryParse(RecordType type, IReadOnlyList<TextField> fieldList, DnsName origin,
        [NotNullWhen(true)] out RData? data, [NotNullWhen(false)] out string? error)
    {
        var fields = new FieldReader(fieldList, origin, type);
        bool ok = UnknownData.IsGeneric(fieldList)
            ? UnknownData.TryParseGeneric(fields, out data)
            : TryParseTyped(fields, out data);
        if (ok && fields.TryEnd() && (data!.FitsInRdLength() || fields.Fail($"{fields.TypeName} data is longer than 65535 bytes")))
        {
            error = null;
            return true;
        }
        data = null;
        error = fields.Error ?? $"{fields.TypeName} data is not valid";
        return false;
    }

    private static bool TryParseTyped(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        var type = fields.Type;
        if (!fields.HasMore && type is not (RecordType.NSEC or RecordType.CSYNC))
            return fields.Fail($"{fields.TypeName} has no data");
        return type switch
        {
            RecordType.A or RecordType.AAAA => AddressData.TryParse(fields, out data),
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME => NameData.TryParse(fields, out data),
            RecordType.SOA => SoaData.TryParse(fields, out data),
            RecordType.HINFO => HinfoData.TryParse(fields, out data),
            RecordType.MX => MxData.TryParse(fields, out data),
            RecordType.TXT or RecordType.SPF => TxtData.TryParse(fields, out data),
            RecordType.RP => RpData.TryParse(fields, out data),
            RecordType.AFSDB => AfsdbData.TryParse(fields, out data),
            RecordType.LOC => LocData.TryParse(fields, out data),
            RecordType.SRV => SrvData.TryParse(fields, out data),
            RecordType.NAPTR => NaptrData.TryParse(fields, out data),
            RecordType.KX => KxData.TryParse(fields, out data),
            RecordType.CERT => CertData.TryParse(fields, out data),
            RecordType.DS or RecordType.CDS => DsData.TryParse(fields, out data),
            RecordType.SSHFP => SshfpData.TryParse(fields, out data),
            RecordType.RRSIG => RrsigData.TryParse(fields, out data),
            RecordType.NSEC => NsecData.TryParse(fields, out data),
            RecordType.DNSKEY or RecordType.CDNSKEY => DnskeyData.TryParse(fields, out data),
            RecordType.DHCID => DhcidData.TryParse(fields, out data),
            RecordType.NSEC3 => Nsec3Data.TryParse(fields, out data),
            RecordType.NSEC3PARAM => Nsec3ParamData.TryParse(fields, out data),
            RecordType.TLSA or RecordType.SMIMEA => TlsaData.TryParse(fields, out data),
            RecordType.OPENPGPKEY => OpenPgpKeyData.TryParse(fields, out data),
            RecordType.CSYNC => CsyncData.TryParse(fields, out data),
            RecordType.ZONEMD => ZonemdData.TryParse(fields, out data),
            RecordType.SVCB or RecordType.HTTPS => SvcbData.TryParse(fields, out data),
            RecordType.URI => UriData.TryParse(fields, out data),
            RecordType.CAA => CaaData.TryParse(fields, out data),
            _ => fields.Fail($"type {fields.TypeName} is only accepted in the RFC 3597 form '\\# <length> <hex>'"),
        };
    }
}
