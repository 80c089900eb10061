using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using Xunit.Abstractions;

namespace DnsLb.Tests.Serving;

/// <summary>
/// Clients query without pause (four over UDP, one over a TCP connection) while the zone file is rewritten
/// over a hundred times, in place and by rename, each version with other pool members added and removed.
/// Every query must be answered, every answer must come whole from one version (its records and its pool
/// members, never the one that is down), and no answer may come from an older version than one a client has
/// already been served, so a removed member is never answered after its removal was. Correctness only:
/// nothing is timed.
/// </summary>
public sealed class ReloadUnderLoadTests(ITestOutputHelper output)
{
    private const int Reloads = 120;
    private const int UdpClients = 4;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private long _newestServed;
    private long _queries;
    private long _dropped;
    private readonly List<string> _failures = [];

    [Fact]
    public async Task QueriesDuringHundredsOfReloads_AreAllAnswered_EachFromOneVersion_NeverFromAnOlderOne()
    {
        using var backends = Backends.Start(LoadZone.Addresses);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string> { ["load.test.zone"] = LoadZone.Text(1) }, new Dictionary<string, string?>
        {
            [$"Pools:{LoadZone.Pool}:Probe:Kind"] = "Tcp",
            [$"Pools:{LoadZone.Pool}:Probe:Port"] = backends.Port.ToString(CultureInfo.InvariantCulture),
            [$"Pools:{LoadZone.Pool}:TimeoutMs"] = "10000",
            ["Dns:ZonesReloadDelayMs"] = "20",
        });
        await Eventually.True(() => LoadZone.Judge(DnsTestClient.Udp(server.Port, LoadZone.Pool + ".", RecordType.A), RecordType.A).Error is null,
            $"{LoadZone.Dead} probed down");
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, UdpClients).Select(i => Task.Run(() => UdpClient(server.Port, i, stop.Token)))
            .Append(Task.Run(() => TcpClient(server.Port, stop.Token))).ToList();

        var file = server.ZoneFile("load.test.zone");
        for (uint version = 2; version <= Reloads + 1; version++)
        {
            if (version % 2 == 0)
            {
                await File.WriteAllTextAsync(file, LoadZone.Text(version));
            }
            else
            {
                var temporary = server.ZoneFile("load.test.zone.new");
                await File.WriteAllTextAsync(temporary, LoadZone.Text(version));
                File.Move(temporary, file, overwrite: true);
            }
            uint expected = version;
            await Eventually.True(() => Serial(server.Port) == expected, $"version {expected} served");
        }
        await Eventually.True(() => Interlocked.Read(ref _newestServed) == Reloads + 1, "the clients served the last version");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        output.WriteLine($"{Interlocked.Read(ref _queries)} queries answered during {Reloads} reloads; {Interlocked.Read(ref _dropped)} unanswered; {_failures.Count} wrong");
        lock (_failures)
            Assert.True(_failures.Count == 0, string.Join("\n", _failures.Take(20)));
        Assert.Equal(0, Interlocked.Read(ref _dropped));
        Assert.True(Interlocked.Read(ref _queries) > Reloads);
    }

    private static uint Serial(int port) => LoadZone.Judge(DnsTestClient.Udp(port, LoadZone.Origin, RecordType.SOA), RecordType.SOA).Version;

    private void UdpClient(int port, int index, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        socket.ReceiveTimeout = (int)ReceiveTimeout.TotalMilliseconds;
        var buffer = new byte[4096];
        for (int i = index; !stop.IsCancellationRequested; i++)
        {
            var (name, type) = LoadZone.Questions[i % LoadZone.Questions.Length];
            ushort id = (ushort)(i & 0xFFFF);
            long floor = Interlocked.Read(ref _newestServed);
            socket.Send(DnsMessage.Query(name, type, id, ednsPayload: 1232).Encode());
            DnsMessage? answer = null;
            try
            {
                // A late answer to an earlier query (none is expected) would carry another ID: skip it.
                while (answer is null || answer.Header.Id != id)
                    answer = DnsTestClient.Parse(buffer[..socket.Receive(buffer)]);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            Record(answer, type, floor);
        }
    }

    private void TcpClient(int port, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveTimeout = (int)ReceiveTimeout.TotalMilliseconds;
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            var (name, type) = LoadZone.Questions[i % LoadZone.Questions.Length];
            long floor = Interlocked.Read(ref _newestServed);
            var query = DnsMessage.Query(name, type, (ushort)(i & 0xFFFF)).Encode();
            var framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            socket.Send(framed);
            var length = BinaryPrimitives.ReadUInt16BigEndian(DnsTestClient.ReceiveExactly(socket, 2));
            Record(DnsTestClient.Parse(DnsTestClient.ReceiveExactly(socket, length)), type, floor);
        }
    }

    /// <summary>Judges one answer against the newest version served before its query was sent.</summary>
    private void Record(DnsMessage answer, RecordType type, long floor)
    {
        Interlocked.Increment(ref _queries);
        var (version, error) = LoadZone.Judge(answer, type);
        if (error is null && version < floor)
            error = $"version {version} answered after version {floor} was served";
        if (error is not null)
        {
            lock (_failures)
                _failures.Add($"{type}: {error}");
            return;
        }
        long newest;
        while ((newest = Interlocked.Read(ref _newestServed)) < version && Interlocked.CompareExchange(ref _newestServed, version, newest) != newest)
        {
        }
    }
}
