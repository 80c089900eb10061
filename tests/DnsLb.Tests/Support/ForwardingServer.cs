using System.Globalization;
using DnsLb.Protocol;

namespace DnsLb.Tests.Support;

/// <summary>A DnsLb serving the example zone and forwarding other names to loopback upstreams the test started.</summary>
internal static class ForwardingServer
{
    /// <summary>
    /// Starts DnsLb with <paramref name="upstreams"/> as Forwarding:Upstreams (none: forwarding off) plus
    /// <paramref name="settings"/>; zones default to example.com (<see cref="TestZones.Example"/>).
    /// </summary>
    public static Task<TestServer> StartAsync(
        IReadOnlyList<string> upstreams, IDictionary<string, string?>? settings = null, IReadOnlyDictionary<string, string>? zones = null)
    {
        var all = new Dictionary<string, string?>();
        for (int i = 0; i < upstreams.Count; i++)
            all[string.Create(CultureInfo.InvariantCulture, $"Forwarding:Upstreams:{i}")] = upstreams[i];
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return TestServer.StartAsync(zones ?? TestZones.Example(), all);
    }

    /// <summary>A query with RD set (as stub resolvers send), with an OPT of 1232 bytes unless <paramref name="edns"/> is null.</summary>
    public static DnsMessage Recursive(string name, RecordType type, ushort? edns = 1232, ushort id = 0) =>
        DnsMessage.Query(name, type, id == 0 ? (ushort)Random.Shared.Next(1, 65535) : id, edns, recursionDesired: true);
}
