using System.Net;

namespace DnsLb.Balancing;

/// <summary>A node of a pool, as drains are kept: the pool's name in lower case and the address (IPv4 as IPv4, even when written IPv4-mapped).</summary>
internal readonly record struct MemberKey(string Pool, IPAddress Address)
{
    public static MemberKey Of(string pool, IPAddress address) =>
        new(PoolOf(pool), address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public static string PoolOf(string pool) => pool.ToLowerInvariant();
}
