using DnsLb.Tests.Support;
using DnsLb.Tests.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>Knot DNS as the primary of example.com for the secondary-side tests: the zone file it serves, edited at will.</summary>
internal sealed class KnotPrimary : IDisposable
{
    private readonly ZoneDirectory _files = new();

    public KnotPrimary(bool tsig = false, bool journal = false, IReadOnlyList<int>? notifyPorts = null, uint serial = 1, params string[] extra)
    {
        var file = _files.Write("example.com.zone", Text(serial, extra));
        Server = KnotServer.Start([(file, "example.com")], new KnotOptions
        {
            Keys = tsig ? [("transfer-key", "hmac-sha256", TsigVectors.Secret)] : [],
            TransferKey = tsig ? "transfer-key" : null,
            Journal = journal,
            NotifyPorts = notifyPorts ?? [],
        });
    }

    public KnotServer Server { get; }

    public System.Net.IPEndPoint EndPoint => Server.EndPoint;

    public static string Text(uint serial, params string[] extra) =>
        TransferZones.Example.Replace("hostmaster 1 ", $"hostmaster {serial} ", StringComparison.Ordinal) + "\n" + string.Join("\n", extra) + "\n";

    /// <summary>Rewrites Knot's zone file as version <paramref name="serial"/> and has Knot reload it.</summary>
    public void Edit(uint serial, params string[] extra)
    {
        File.WriteAllText(Server.ZoneFile("example.com"), Text(serial, extra));
        Server.Reload("example.com", serial);
    }

    public void Dispose()
    {
        Server.Dispose();
        _files.Dispose();
    }
}
