using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>OPENPGPKEY (RFC 7929 §2): a transferable public key, in presentation form base 64 (§2.3).</summary>
public sealed class OpenPgpKeyData(byte[] key) : RData
{
    public ReadOnlySpan<byte> Key => key;

    public override RecordType Type => RecordType.OPENPGPKEY;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteBytes(key);

    public override string ToString() => key.Length == 0 ? UnknownData.Generic(Wire) : Base64.Encode(key);

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = new OpenPgpKeyData(rdata.ReadRest().ToArray());
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryBase64Rest("key", out var key) ? new OpenPgpKeyData(key) : null;
        return data is not null;
    }
}
