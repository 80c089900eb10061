using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// A port held by any other program, another DnsLb included, stops the start with one line that names the
/// address in use; a second DnsLb never shares the port with the first (the kernel would split the queries).
/// </summary>
public sealed class PortInUseTests
{
    private static readonly string Zones = Path.GetDirectoryName(TestPaths.ExampleZone)!;

    private static ServerProcess Start(int port, params string[] more) =>
        ServerProcess.Start([$"--Dns:Port={port}", "--Dns:Listen=127.0.0.1", "--Dns:UdpSocketsPerAddress=2", $"--Dns:ZonesDirectory={Zones}", .. more]);

    private static string OneErrorLine(ServerProcess server)
    {
        Assert.Equal(2, server.WaitForExit());
        return Assert.Single(server.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Start_OnAUdpPortInUse_ExitsWithOneLineNamingTheAddress()
    {
        int port = FreePort.Find(); // free for TCP too, so the UDP socket below is what is in the way
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, port));

        using var server = Start(port);
        var line = OneErrorLine(server);
        Assert.Contains($"cannot listen on 127.0.0.1:{port} (UDP): the address is already in use", line);
        Assert.Contains("--Dns:Port=", line);
    }

    [Fact]
    public void Start_OnAPortAnotherProgramSharesWithReusePort_IsRefused()
    {
        // A UDP socket with SO_REUSEPORT, as another DnsLb's would be: joining its group must not happen.
        int port = FreePort.Find();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.SetRawSocketOption(1, 15, BitConverter.GetBytes(1));
        taken.Bind(new IPEndPoint(IPAddress.Loopback, port));

        using var server = Start(port);
        Assert.Contains($"cannot listen on 127.0.0.1:{port} (UDP): the address is already in use", OneErrorLine(server));
    }

    [Fact]
    public void Start_OnTheSamePortAsARunningDnsLb_Exits_AndTheFirstKeepsAnswering()
    {
        int port = FreePort.Find();
        using var first = Start(port);
        first.WaitForOutput("listening on");

        using var second = Start(port);
        Assert.Contains($"cannot listen on 127.0.0.1:{port} (TCP): the address is already in use", OneErrorLine(second));
        Assert.Single(DnsTestClient.Udp(port, "ns1.example.com.", RecordType.A).Answers);
        Assert.Single(DnsTestClient.Tcp(port, "ns1.example.com.", RecordType.A).Answers);
        Assert.Equal(0, first.Stop());
    }
}
