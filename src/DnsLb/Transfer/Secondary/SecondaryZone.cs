using System.Net;
using DnsLb.Protocol;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Secondary;

/// <summary>One zone this server is a secondary for, as configured: its primaries in order, and the key transfers and NOTIFY are signed with.</summary>
public sealed record SecondaryZone(DnsName Origin, IReadOnlyList<IPEndPoint> Primaries, TsigKey? Key)
{
    /// <summary>True when <paramref name="source"/> is one of the primaries' addresses (NOTIFY is accepted from them only).</summary>
    public bool IsPrimary(IPAddress source)
    {
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var primary in Primaries)
        {
            var listed = primary.Address.IsIPv4MappedToIPv6 ? primary.Address.MapToIPv4() : primary.Address;
            if (listed.Equals(address))
                return true;
        }
        return false;
    }
}
