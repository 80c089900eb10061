using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Transport;

/// <summary>
/// A stop (SIGTERM, Ctrl+C) stops accepting queries but lets one being answered get its answer out. The
/// handler holds the first query until the listener is seen stopping, so the answer is written after the
/// stop began, and must still arrive.
/// </summary>
public sealed class GracefulStopTests
{
    /// <summary>Holds the first query it is given until released, then answers it as the engine does.</summary>
    private sealed class HeldHandler(IDnsQueryHandler inner) : IDnsQueryHandler
    {
        private int _held;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
        {
            if (Interlocked.Exchange(ref _held, 1) == 0)
            {
                Entered.Set();
                Release.Wait(TimeSpan.FromSeconds(60));
            }
            return inner.Handle(query, response, context);
        }
    }

    private static async Task<(TestServer Server, HeldHandler Handler)> StartAsync()
    {
        HeldHandler? handler = null;
        var server = await TestServer.StartAsync(TestZones.Example(), new Dictionary<string, string?> { ["Dns:UdpSocketsPerAddress"] = "1" },
            replace: services => services.AddSingleton<IDnsQueryHandler>(sp => handler = new HeldHandler(ActivatorUtilities.CreateInstance<QueryEngine>(sp))));
        return (server, handler!);
    }

    private static byte[] Query => DnsMessage.Query("www.example.com.", RecordType.A, 77).Encode();

    [Fact]
    public async Task Stop_WhileAUdpQueryIsBeingAnswered_SendsItsAnswer()
    {
        var (server, handler) = await StartAsync();
        var udp = server.Services.GetRequiredService<DnsListeners>().UdpListeners.ToList();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.ReceiveTimeout = 30_000;
        client.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        client.Send(Query);
        Assert.True(handler.Entered.Wait(TimeSpan.FromSeconds(30)));

        var stopping = Task.Run(async () => await server.DisposeAsync());
        await Eventually.True(() => udp.All(l => l.IsStopping), "the UDP listener stopping");
        handler.Release.Set();

        var buffer = new byte[4096];
        var answer = DnsTestClient.Parse(buffer[..client.Receive(buffer)]);
        Assert.Equal(77, answer.Header.Id);
        Assert.Equal(4, answer.Answers.Count); // the CNAME and the three addresses
        await stopping;
    }

    [Fact]
    public async Task Stop_WhileATcpQueryIsBeingAnswered_SendsItsAnswer_AndTakesNoNewConnection()
    {
        var (server, handler) = await StartAsync();
        int port = server.Port;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.ReceiveTimeout = 30_000;
        client.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var framed = new byte[Query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)Query.Length);
        Query.CopyTo(framed, 2);
        client.Send(framed);
        Assert.True(handler.Entered.Wait(TimeSpan.FromSeconds(30)));

        var stopping = Task.Run(async () => await server.DisposeAsync());
        await Eventually.True(() => !Accepts(port), "the TCP listener closed");
        handler.Release.Set();

        var length = BinaryPrimitives.ReadUInt16BigEndian(DnsTestClient.ReceiveExactly(client, 2));
        var answer = DnsTestClient.Parse(DnsTestClient.ReceiveExactly(client, length));
        Assert.Equal(77, answer.Header.Id);
        Assert.Equal(4, answer.Answers.Count);
        await stopping;
    }

    private static bool Accepts(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
