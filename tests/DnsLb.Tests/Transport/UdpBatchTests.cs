using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transport;

/// <summary>
/// The UDP listener alone, on both loops: batched (recvmmsg/sendmmsg, Linux) and portable. Many datagrams
/// in flight from several clients at once, each answered to its own sender (the answers of one batch go
/// out together, each to the address in its slot); answers given later still find their client; datagrams
/// that are empty, huge or make the handler throw cost nothing but themselves; IPv6 clients; stopping ends
/// the loop's thread.
/// </summary>
public sealed class UdpBatchTests : IDisposable
{
    private const int Clients = 6;
    private const int QueriesPerClient = 100;

    private readonly AddressEchoHandler _handler = new();
    private readonly ListenerCounters _counters = new("udp test");
    private UdpListener? _listener;
    private int _port;

    private UdpListener Start(bool batched, IPAddress? address = null, Socket? socket = null)
    {
        socket ??= SocketFactory.BindUdp(new IPEndPoint(address ?? IPAddress.Loopback, 0), reusePort: false);
        _port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var work = new DeferredWork(_counters, TimeProvider.System, NullLogger.Instance);
        _listener = new UdpListener(socket, _handler, work, _counters, NullLogger.Instance, batched);
        _listener.Start("udp batch test");
        return _listener;
    }

    private Socket Client(string from)
    {
        var address = IPAddress.Parse(from);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 30_000, ReceiveBufferSize = 1 << 20 };
        socket.Bind(new IPEndPoint(address, 0));
        socket.Connect(new IPEndPoint(address.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, _port));
        return socket;
    }

    private static byte[] Receive(Socket socket)
    {
        var buffer = new byte[65535];
        return buffer[..socket.Receive(buffer)];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ManyDatagramsInFlight_FromSeveralClients_AreEachAnsweredToTheirSender(bool batched)
    {
        var listener = Start(batched);
        var clients = Enumerable.Range(1, Clients).Select(i => Client($"127.0.0.{i}")).ToList();
        try
        {
            // The first query holds the loop, so everything sent meanwhile waits in the socket and is taken in
            // whole batches once it is let go.
            clients[0].Send(AddressEchoHandler.Query(AddressEchoHandler.Hold, 0, 0));
            Assert.True(_handler.Holding.Wait(TimeSpan.FromSeconds(30)), "the first query reached the handler");
            for (int sequence = 0; sequence < QueriesPerClient; sequence++)
            {
                for (int c = 0; c < Clients; c++)
                {
                    // Every seventh is answered later, from the thread pool, through the address copied from its slot.
                    byte kind = sequence % 7 == 3 ? AddressEchoHandler.Later : AddressEchoHandler.Now;
                    clients[c].Send(AddressEchoHandler.Query(kind, (byte)c, (ushort)sequence));
                }
            }
            _handler.Release.Set();

            Assert.Equal(0, AddressEchoHandler.SequenceOf(Receive(clients[0]))); // the held one
            for (int c = 0; c < Clients; c++)
            {
                var seen = new HashSet<int>();
                for (int i = 0; i < QueriesPerClient; i++)
                {
                    var answer = Receive(clients[c]);
                    Assert.Equal(c, AddressEchoHandler.ClientOf(answer));
                    Assert.Equal(ClientAddress.FromIPAddress(IPAddress.Parse($"127.0.0.{c + 1}")), AddressEchoHandler.SeenAddressOf(answer));
                    Assert.True(seen.Add(AddressEchoHandler.SequenceOf(answer)), "each query answered once");
                }
                Assert.Equal(QueriesPerClient, seen.Count);
            }
            Assert.Equal(batched && OperatingSystem.IsLinux(), listener.IsBatching);
            if (listener.IsBatching)
                Assert.Equal(DatagramBatch.Capacity, listener.LargestBatch);
            Assert.Equal(0, _counters.HandlerFailures);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EmptyHugeAndFailingDatagrams_CostOnlyThemselves(bool batched)
    {
        var listener = Start(batched);
        using var client = Client("127.0.0.1");
        client.Send(AddressEchoHandler.Query(AddressEchoHandler.Hold, 0, 0)); // so that what follows comes in one batch
        Assert.True(_handler.Holding.Wait(TimeSpan.FromSeconds(30)));
        client.Send(Array.Empty<byte>());
        client.Send([0x42]);
        var huge = new byte[60_000];
        new Random(7).NextBytes(huge);
        client.Send(huge);
        client.Send(AddressEchoHandler.Query(AddressEchoHandler.Throw, 0, 1));
        client.Send(AddressEchoHandler.Query(AddressEchoHandler.Now, 0, 2));
        _handler.Release.Set();

        Assert.Equal(0, AddressEchoHandler.SequenceOf(Receive(client)));
        Assert.Equal(2, AddressEchoHandler.SequenceOf(Receive(client))); // nothing came back for the others
        await Eventually.True(() => _counters.HandlerFailures == 1, "the handler's exception counted");
        // Every datagram reached the handler whole: none was cut to fit a buffer.
        Assert.Equal([12, 0, 1, 60_000, 12, 12], _handler.Lengths);
        Assert.Equal(batched && OperatingSystem.IsLinux(), listener.IsBatching);

        client.Send(AddressEchoHandler.Query(AddressEchoHandler.Now, 0, 3));
        Assert.Equal(3, AddressEchoHandler.SequenceOf(Receive(client)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ipv6Clients_AreAnswered_AndSeenWithTheirAddress(bool batched)
    {
        var listener = Start(batched, IPAddress.IPv6Loopback);
        using var client = Client("::1");
        for (ushort sequence = 0; sequence < 20; sequence++)
            client.Send(AddressEchoHandler.Query(sequence % 5 == 0 ? AddressEchoHandler.Later : AddressEchoHandler.Now, 0, sequence));

        var seen = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            var answer = Receive(client);
            Assert.Equal(ClientAddress.FromIPAddress(IPAddress.IPv6Loopback), AddressEchoHandler.SeenAddressOf(answer));
            seen.Add(AddressEchoHandler.SequenceOf(answer));
        }
        Assert.Equal(20, seen.Count);
        Assert.Equal(batched && OperatingSystem.IsLinux(), listener.IsBatching);
    }

    [Fact]
    public async Task BatchedLoop_OnADescriptorMadeNonBlocking_GivesWayToThePortableLoop()
    {
        var socket = SocketFactory.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), reusePort: false);
        // An asynchronous call turns the descriptor non-blocking (the .NET socket still blocks for its own
        // callers); recvmmsg then says EAGAIN at once, and the batched loop must not spin on it.
        await socket.SendToAsync(new byte[] { 0 }, new IPEndPoint(IPAddress.Loopback, 9));
        var listener = Start(batched: true, socket: socket);
        using var client = Client("127.0.0.1");
        for (ushort sequence = 1; sequence <= 3; sequence++)
        {
            client.Send(AddressEchoHandler.Query(AddressEchoHandler.Now, 0, sequence));
            Assert.Equal(sequence, AddressEchoHandler.SequenceOf(Receive(client)));
        }
        // The loop gives way at its first EAGAIN, which may come just after it sent the last answer.
        await Eventually.True(() => !listener.IsBatching, "the batched loop gave way to the portable one");
        Assert.Equal(1, listener.LargestBatch);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dispose_WhileTheLoopWaitsForDatagrams_EndsItsThread(bool batched)
    {
        var listener = Start(batched);
        using var client = Client("127.0.0.1");
        client.Send(AddressEchoHandler.Query(AddressEchoHandler.Now, 0, 1));
        Assert.Equal(1, AddressEchoHandler.SequenceOf(Receive(client))); // the loop runs, and now waits

        _listener = null;
        listener.Dispose();

        Assert.True(listener.HasEnded);
        Assert.False(listener.IsBatching);
    }

    public void Dispose()
    {
        _handler.Release.Set();
        _listener?.Dispose();
    }

    /// <summary>
    /// Answers a query with itself (QR set) followed by the 16 bytes of the client address it was given. A query
    /// is a 12-byte header: bytes 0–1 its sequence number, byte 2 what to do with it, byte 4 the client's index.
    /// Every query's length is noted. Anything that is not a query (too short) is not answered.
    /// </summary>
    private sealed class AddressEchoHandler : IDnsQueryHandler
    {
        public const byte Now = 0;
        public const byte Later = 1;
        public const byte Hold = 2;
        public const byte Throw = 3;

        public ManualResetEventSlim Holding { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public ConcurrentQueue<int> Lengths { get; } = new();

        public static byte[] Query(byte kind, byte client, ushort sequence) => [(byte)(sequence >> 8), (byte)sequence, kind, 0, client, 0, 0, 0, 0, 0, 0, 0];

        public static int SequenceOf(byte[] answer) => (answer[0] << 8) | answer[1];

        public static int ClientOf(byte[] answer) => answer[4];

        public static ClientAddress SeenAddressOf(byte[] answer) => ClientAddress.FromBytes(answer.AsSpan(12, 16));

        public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
        {
            Lengths.Enqueue(query.Length);
            if (query.Length != 12)
                return 0;
            var answer = Echo(query, context.Client);
            switch (query[2])
            {
                case Hold:
                    Holding.Set();
                    Release.Wait(TimeSpan.FromSeconds(60));
                    break;
                case Throw:
                    throw new InvalidOperationException("planted bug");
                case Later when context.TryDefer(async responder =>
                {
                    await Task.Yield();
                    await responder.SendAsync(answer);
                }):
                    return 0;
            }
            answer.CopyTo(response);
            return answer.Length;
        }

        private static byte[] Echo(ReadOnlySpan<byte> query, ClientAddress client)
        {
            var answer = new byte[12 + 16];
            query.CopyTo(answer);
            answer[3] |= 0x80; // marks it an answer, in a byte the test does not read
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(answer.AsSpan(12), client.Value);
            return answer;
        }
    }
}
