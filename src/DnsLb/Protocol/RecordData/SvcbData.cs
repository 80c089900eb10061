using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// SVCB and HTTPS (RFC 9460 §2.2; HTTPS is SVCB under another type, §9): a priority (0 = AliasMode), a
/// target name (never compressed) and SvcParams in strictly increasing key order. In presentation form the
/// parameters may come in any order but never twice (§2.1), and every key that <c>mandatory</c> lists must
/// be present (§8), in the wire form as in the text.
/// </summary>
public sealed class SvcbData : RData
{
    private readonly SvcParam[] _parameters;

    /// <param name="parameters">Sorted by key, no key twice (the readers and the parser guarantee it).</param>
    public SvcbData(RecordType type, ushort priority, DnsName target, IReadOnlyList<SvcParam> parameters)
    {
        for (int i = 1; i < parameters.Count; i++)
        {
            if (parameters[i].Key <= parameters[i - 1].Key)
                throw new ArgumentException("SvcParams must be in strictly increasing key order", nameof(parameters));
        }
        Type = type;
        Priority = priority;
        Target = target;
        _parameters = [.. parameters];
    }

    public override RecordType Type { get; }
    public ushort Priority { get; }
    public DnsName Target { get; }
    public IReadOnlyList<SvcParam> Parameters => _parameters;

    public override bool TryWrite(ref DnsMessageWriter writer)
    {
        if (!writer.TryWriteUInt16(Priority) || !writer.TryWriteName(Target.Wire, compress: false))
            return false;
        foreach (var (key, value) in _parameters)
        {
            if (!writer.TryWriteUInt16(key) || !writer.TryWriteUInt16((ushort)value.Length) || !writer.TryWriteBytes(value))
                return false;
        }
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Priority).Append(' ').Append(Target);
        foreach (var (key, value) in _parameters)
        {
            sb.Append(' ');
            SvcParams.Append(sb, key, value);
        }
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadUInt16(out ushort priority) || !rdata.TryReadName(decompress: false, out var target))
            return false;
        var parameters = new List<SvcParam>();
        int lastKey = -1;
        while (!rdata.AtEnd)
        {
            // §2.2: keys strictly increasing; a record that breaks this is malformed.
            if (!rdata.TryReadUInt16(out ushort key) || key <= lastKey || !rdata.TryReadUInt16(out ushort length)
                || !rdata.TryReadBytes(length, out var value) || !SvcParams.IsValidValue(key, value))
                return false;
            parameters.Add(new SvcParam(key, value.ToArray()));
            lastKey = key;
        }
        if (parameters.Count > 0 && parameters[0].Key == SvcParams.Mandatory && !ListsOnlyPresentKeys(parameters[0].Value, parameters.Select(p => p.Key), out _))
            return false;
        data = new SvcbData(type, priority, target, parameters);
        return true;
    }

    /// <summary>§8: every key that <c>mandatory</c> lists is one of the record's own keys.</summary>
    private static bool ListsOnlyPresentKeys(ReadOnlySpan<byte> mandatory, IEnumerable<ushort> keys, out ushort missing)
    {
        var present = keys.ToHashSet();
        for (int i = 0; i < mandatory.Length; i += 2)
        {
            missing = BinaryPrimitives.ReadUInt16BigEndian(mandatory[i..]);
            if (!present.Contains(missing))
                return false;
        }
        missing = 0;
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!fields.TryUInt16("priority", out ushort priority) || !fields.TryName("target", out var target))
            return false;
        var parameters = new SortedDictionary<ushort, byte[]>();
        while (fields.HasMore)
        {
            fields.TryNext("parameter", out var field);
            if (field.Quoted)
                return fields.Fail($"{fields.TypeName} parameter \"{field.Text}\" is quoted; only a value may be (key=\"value\")");
            int equals = field.Text.IndexOf('=');
            string keyText = equals < 0 ? field.Text : field.Text[..equals];
            string? valueText = equals < 0 ? null : field.Text[(equals + 1)..];
            // key="quoted value": the tokenizer hands the quoted part over as the next field.
            if (valueText is "" && fields.TryPeek(out var next) && next.Quoted)
            {
                fields.TryNext("value", out _);
                valueText = next.Text;
            }
            if (!SvcParams.TryParseKey(keyText, out ushort key))
                return fields.Fail($"{fields.TypeName} parameter key '{keyText}' is neither a known key nor keyNNNNN (0-65534)");
            if (parameters.ContainsKey(key))
                return fields.Fail($"{fields.TypeName} parameter {SvcParams.KeyName(key)} is given twice");
            bool generic = keyText.StartsWith("key", StringComparison.OrdinalIgnoreCase);
            if (!SvcParams.TryParseValue(key, valueText, generic, out var value, out var error))
                return fields.Fail($"{fields.TypeName} {error}");
            parameters.Add(key, value);
        }
        if (parameters.TryGetValue(SvcParams.Mandatory, out var mandatory) && !ListsOnlyPresentKeys(mandatory, parameters.Keys, out ushort missing))
            return fields.Fail($"{fields.TypeName} mandatory lists {SvcParams.KeyName(missing)}, which the record does not have");
        data = new SvcbData(fields.Type, priority, target, [.. parameters.Select(p => new SvcParam(p.Key, p.Value))]);
        return true;
    }
}
