using DnsLb.Protocol.RecordData;

namespace DnsLb.Protocol;

/// <summary>One resource record: owner, class, TTL and typed RDATA (the type is the RDATA's).</summary>
public sealed record ResourceRecord(DnsName Owner, ushort Class, uint Ttl, RData Data)
{
    public RecordType Type => Data.Type;

    public bool TryWrite(ref DnsMessageWriter writer, MessageSection section) =>
        writer.TryWriteRecord(Owner.Wire, Type, Class, Ttl, Data, section);

    public override string ToString() => $"{Owner} {Ttl} {ClassName(Class)} {TypeName(Type)} {Data}";

    public static string TypeName(RecordType type) => RecordTypeNames.Name(type);

    public static string ClassName(ushort recordClass) =>
        Enum.IsDefined((RecordClass)recordClass) ? ((RecordClass)recordClass).ToString() : $"CLASS{recordClass}";
}

/// <summary>One entry of the question section (RFC 1035 §4.1.2).</summary>
public sealed record DnsQuestion(DnsName Name, RecordType Type, ushort Class = (ushort)RecordClass.IN);
