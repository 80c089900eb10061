using System.Buffers;
using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>How writing one RRset went.</summary>
internal enum SetWrite
{
    Written,

    /// <summary>Not enough room: nothing of the set was written.</summary>
    DoesNotFit,

    /// <summary>The address selection answers no address (a pool with every node down, WhenAllDown None).</summary>
    NoData,

    /// <summary>The address selection answers SERVFAIL (a pool with every node down, WhenAllDown ServFail).</summary>
    ServFail,
}

/// <summary>
/// The one way answering writes records into a response. Every A and AAAA RRset, in whichever section it goes
/// (the answer, the end of a CNAME or DNAME chain, glue, the addresses of an MX, SRV or NS target), passes
/// through the <see cref="IAddressSelector"/> of the snapshot the query reads: a pool's dead nodes can appear
/// in no section, because no other path writes an address, and the plans used are those made for the zones
/// being answered from. An RRset is written whole or not at all (RFC 2181 §5, §9).
/// </summary>
internal sealed class AnswerWriter
{
    /// <summary>RRsets up to this size shuffle their indexes on the stack; larger ones rent an array.</summary>
    private const int StackOrderLimit = 256;

    /// <param name="addresses">The address selection of the snapshot being answered from.</param>
    public SetWrite Write(IAddressSelector addresses, RRSet set, scoped ReadOnlySpan<byte> owner, MessageSection section, ref DnsMessageWriter writer)
    {
        if (set.Type is RecordType.A or RecordType.AAAA)
            return WriteSelected(addresses, set, owner, section, ref writer);
        return WriteWhole(set, owner, set.Ttl, section, ref writer) ? SetWrite.Written : SetWrite.DoesNotFit;
    }

    /// <summary>RFC 2308 §3: the zone's SOA in the authority section, with TTL min(SOA TTL, SOA MINIMUM).</summary>
    public bool TryWriteNegativeSoa(Zone zone, ref DnsMessageWriter writer) =>
        WriteWhole(zone.SoaSet, zone.SoaSet.Owner.Wire, zone.NegativeTtl, MessageSection.Authority, ref writer);

    /// <summary>RFC 6672 §3.1: the CNAME a DNAME stands for, with the DNAME's TTL.</summary>
    public bool TryWriteSynthesizedCname(scoped ReadOnlySpan<byte> owner, uint ttl, scoped ReadOnlySpan<byte> target, ref DnsMessageWriter writer) =>
        writer.TryWriteCname(owner, ttl, target, MessageSection.Answer);

    private static SetWrite WriteSelected(IAddressSelector addresses, RRSet set, scoped ReadOnlySpan<byte> owner, MessageSection section, ref DnsMessageWriter writer)
    {
        int[]? rented = null;
        Span<int> order = set.Count <= StackOrderLimit
            ? stackalloc int[StackOrderLimit]
            : (rented = ArrayPool<int>.Shared.Rent(set.Count));
        try
        {
            switch (addresses.Select(set, order, out int count))
            {
                case AddressSelection.NoData:
                    return SetWrite.NoData;
                case AddressSelection.ServFail:
                    return SetWrite.ServFail;
            }
            var mark = writer.Mark();
            int ownerPointer = -1;
            for (int i = 0; i < count; i++)
            {
                if (!writer.TryWriteRecord(owner, ref ownerPointer, set.Type, (ushort)RecordClass.IN, set.Ttl, set.Items[order[i]], section))
                {
                    writer.Rewind(mark);
                    return SetWrite.DoesNotFit;
                }
            }
            return SetWrite.Written;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Every record of a set that is not an address set, in zone order.</summary>
    private static bool WriteWhole(RRSet set, scoped ReadOnlySpan<byte> owner, uint ttl, MessageSection section, ref DnsMessageWriter writer)
    {
        var mark = writer.Mark();
        int ownerPointer = -1;
        foreach (var data in set.Items)
        {
            if (!writer.TryWriteRecord(owner, ref ownerPointer, set.Type, (ushort)RecordClass.IN, ttl, data, section))
            {
                writer.Rewind(mark);
                return false;
            }
        }
        return true;
    }
}
