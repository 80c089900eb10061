using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// RDATA of a type we do not interpret, kept as opaque bytes (RFC 3597 §5: presentation <c>\# len hex</c>).
/// Never compressed, never decompressed. This file also reads the <c>\#</c> form for every type, the known
/// ones included (RFC 3597 §5), and decodes a known type's bytes so that what is served is valid.
/// </summary>
public sealed class UnknownData(RecordType type, ReadOnlySpan<byte> bytes) : RData
{
    private readonly byte[] _bytes = bytes.ToArray();

    public override RecordType Type { get; } = type;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteBytes(_bytes);

    public override string ToString() => Generic(_bytes);

    /// <summary>The RFC 3597 §5 form of any RDATA: <c>\# 4 0A000001</c>, or <c>\# 0</c> when empty.</summary>
    public static string Generic(ReadOnlySpan<byte> rdata)
    {
        var sb = new StringBuilder();
        sb.Append("\\# ").Append(rdata.Length);
        if (rdata.Length > 0)
            sb.Append(' ').Append(Base16.Encode(rdata));
        return sb.ToString();
    }

    /// <summary>True when the fields start with an unquoted <c>\#</c>.</summary>
    internal static bool IsGeneric(IReadOnlyList<TextField> fields) => fields.Count > 0 && fields[0] is { Text: "\\#", Quoted: false };

    /// <summary>RFC 3597 §5: <c>\# length hex…</c>, the hex possibly split over several fields.</summary>
    internal static bool TryParseGeneric(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        fields.TryNext("\\#", out _);
        if (!fields.TryNext("data length", out var lengthField) || !ushort.TryParse(lengthField.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ushort length))
            return fields.Fail("'\\#' must be followed by the data length in bytes");
        byte[] bytes = [];
        if (fields.HasMore && !fields.TryBase16Rest("data", out bytes))
            return false;
        if (bytes.Length != length)
            return fields.Fail($"'\\#' says {length} bytes but {bytes.Length} follow");
        var status = RDataReader.TryRead(bytes, new RecordHeader(0, fields.Type, (ushort)RecordClass.IN, 0, 0, bytes.Length), out data, pointersAllowed: false);
        if (status != ParseStatus.Ok)
            return fields.Fail($"'\\#' data is not valid {fields.TypeName} data ({status})");
        return data is not null;
    }
}
