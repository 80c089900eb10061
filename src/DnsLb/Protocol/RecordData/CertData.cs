using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// CERT (RFC 4398 §2): certificate type, key tag, algorithm and the certificate in base 64. The type and
/// the algorithm may be written as numbers or mnemonics (§2.2); both are printed as
/// mnemonics where they have one, as BIND prints them.
/// </summary>
public sealed class CertData(ushort certificateType, ushort keyTag, byte algorithm, byte[] certificate) : RData
{
    private static readonly FrozenDictionary<string, ushort> TypesByName = new Dictionary<string, ushort>
    {
        ["PKIX"] = 1, ["SPKI"] = 2, ["PGP"] = 3, ["IPKIX"] = 4, ["ISPKI"] = 5, ["IPGP"] = 6, ["ACPKIX"] = 7, ["IACPKIX"] = 8,
        ["URI"] = 253, ["OID"] = 254,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public ushort CertificateType { get; } = certificateType;
    public ushort KeyTag { get; } = keyTag;
    public byte Algorithm { get; } = algorithm;
    public ReadOnlySpan<byte> Certificate => certificate;

    public override RecordType Type => RecordType.CERT;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(CertificateType) && writer.TryWriteUInt16(KeyTag) && writer.TryWriteByte(Algorithm) && writer.TryWriteBytes(certificate);

    public override string ToString() =>
        certificate.Length == 0 ? UnknownData.Generic(Wire) : $"{TypeName(CertificateType)} {KeyTag} {DnssecAlgorithm.Name(Algorithm)} {Base64.Encode(certificate)}";

    private static string TypeName(ushort type)
    {
        foreach (var (name, value) in TypesByName)
        {
            if (value == type)
                return name;
        }
        return type.ToString(CultureInfo.InvariantCulture);
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort type) && rdata.TryReadUInt16(out ushort keyTag) && rdata.TryReadByte(out byte algorithm)
            ? new CertData(type, keyTag, algorithm, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!fields.TryNext("certificate type", out var typeField))
            return false;
        if (!ushort.TryParse(typeField.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort type)
            && !TypesByName.TryGetValue(typeField.Text, out type))
            return fields.Fail($"CERT certificate type '{typeField.Text}' is neither a number nor one of {string.Join(", ", TypesByName.Keys)}");
        if (!fields.TryUInt16("key tag", out ushort keyTag) || !fields.TryAlgorithm("algorithm", out byte algorithm)
            || !fields.TryBase64Rest("certificate", out var certificate))
            return false;
        data = new CertData(type, keyTag, algorithm, certificate);
        return true;
    }
}
