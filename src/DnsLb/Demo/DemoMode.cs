using System.Net;
using DnsLb.Balancing;
using DnsLb.Hosting;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Serving;
using DnsLb.Zones;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DnsLb.Demo;

/// <summary>
/// <c>dotnet run --project src/DnsLb -- demo</c>: the example zone on 127.0.0.1:5300 with twopir.example.com
/// as an HTTP-probed pool, and one in-process web node per pool address on port 8080 (127.0.0.11–13), which
/// keys 1–9 stop and start; the status page on its default address (http://127.0.0.1:8053/) shows them and
/// drains them. Everything stays on loopback; any setting can still be overridden.
/// </summary>
internal static class DemoMode
{
    public const string Pool = "twopir.example.com";
    public const int NodePort = 8080;

    public static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Dns:Port"] = "5300",
        ["Dns:Listen:0"] = "127.0.0.1",
        [$"Pools:{Pool}:Probe:Kind"] = "Http",
        [$"Pools:{Pool}:Probe:Port"] = NodePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Pools:{Pool}:Probe:Path"] = "/",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = DnsLbHost.Build(args, defaults: Defaults);
        if (DnsLbHost.Prepare(host) is { } problem)
        {
            Console.Error.WriteLine($"dnslb: {problem}");
            return 2;
        }

        var nodes = PoolAddresses(host.Services.GetRequiredService<ServingState>().Current.Zones)
            .Where(IPAddress.IsLoopback) // the demo never serves on, or probes, anything but loopback
            .Select(a => new DemoWebNode(a, NodePort))
            .ToList();
        foreach (var node in nodes)
        {
            try
            {
                node.Start();
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Console.Error.WriteLine($"dnslb demo: cannot start the web node on {node.Address}:{node.Port}: {e.Message}. Is another demo running?");
                nodes.ForEach(n => n.Dispose());
                return 2;
            }
        }

        await host.StartAsync();
        int port = DnsLbHost.BoundPort(host);
        Console.WriteLine();
        Console.WriteLine($"Demo: web nodes on {string.Join(", ", nodes.Select(n => $"{n.Address}:{n.Port}"))}.");
        Console.WriteLine($"Try:  dig @127.0.0.1 -p {port} {Pool} A +short");
        if (DnsLbHost.StatusEndPoint(host) is { } status)
            Console.WriteLine($"Open: http://{status}/ to watch the nodes, and drain one with a click.");
        if (Console.IsInputRedirected)
        {
            Console.WriteLine("Stop with Ctrl+C.");
            await host.WaitForShutdownAsync();
        }
        else
        {
            Console.WriteLine($"Keys: 1-{nodes.Count} stop/start a node, s = show nodes, q = quit.");
            await ReadKeysAsync(host, nodes);
        }
        foreach (var node in nodes)
            node.Dispose();
        await host.StopAsync();
        return 0;
    }

    private static IEnumerable<IPAddress> PoolAddresses(ZoneSet zones) =>
        PoolMembership.AddressSets(zones, DnsName.Parse(Pool + "."))
            .SelectMany(s => s.Records.Cast<AddressData>().Select(a => a.Address));

    private static async Task ReadKeysAsync(IHost host, List<DemoWebNode> nodes)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            if (!Console.KeyAvailable)
            {
                await Task.Delay(50);
                continue;
            }
            var key = Console.ReadKey(intercept: true).KeyChar;
            if (key is 'q' or 'Q')
                break;
            if (key is 's' or 'S')
            {
                foreach (var node in nodes)
                    Console.WriteLine($"  {nodes.IndexOf(node) + 1}: {node.Address} web node {(node.IsRunning ? "running" : "stopped")}");
                continue;
            }
            int index = key - '1';
            if (index >= 0 && index < nodes.Count)
            {
                nodes[index].Toggle();
                Console.WriteLine($"demo: web node {nodes[index].Address} {(nodes[index].IsRunning ? "started" : "stopped")}");
            }
        }
    }
}
