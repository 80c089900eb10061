using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transfer;

/// <summary>
/// A tiny primary on a loopback port: TCP connections whose length-prefixed queries go to
/// <see cref="ZoneTransferService"/>, each response message framed back through a sink, and UDP queries
/// answered by its UDP path; SOA queries get the served SOA. What the transport will do once the seam
/// carries transfers, in a few lines.
/// </summary>
internal sealed class TransferTestServer : IAsyncDisposable
{
    private readonly TcpListener _tcp;
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _tcpLoop;
    private readonly Task _udpLoop;
    private readonly ZoneTransferService _service;
    private readonly ITransferZoneSource _zones;
    private readonly TsigKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly List<TransferOutcome> _outcomes = [];
    private int _soaQueries;

    public TransferTestServer(ITransferZoneSource zones, TransferAccess access, TsigKeyRing? keys = null, TimeProvider? time = null, string address = "127.0.0.1")
    {
        _zones = zones;
        _keys = keys ?? TsigKeyRing.Empty;
        _time = time ?? TimeProvider.System;
        _service = new ZoneTransferService(access, _keys, _time, NullLogger<ZoneTransferService>.Instance);
        _tcp = new TcpListener(IPAddress.Parse(address), 0);
        _tcp.Start();
        Port = ((IPEndPoint)_tcp.LocalEndpoint).Port;
        _udp = new UdpClient(new IPEndPoint(IPAddress.Parse(address), Port));
        _tcpLoop = AcceptAsync();
        _udpLoop = ReceiveAsync();
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Parse("127.0.0.1"), Port);

    /// <summary>How each query ended, in order.</summary>
    public IReadOnlyList<TransferOutcome> Outcomes
    {
        get
        {
            lock (_outcomes)
                return [.. _outcomes];
        }
    }

    /// <summary>
    /// The one query's outcome, once recorded: a client can read the last answer before the server has
    /// noted how the query ended, so a test waits for it rather than reading <see cref="Outcomes"/> at once.
    /// </summary>
    public async Task<TransferOutcome> SingleOutcomeAsync()
    {
        await Eventually.True(() => Outcomes.Count > 0, "the transfer server recorded how the query ended");
        return Assert.Single(Outcomes);
    }

    /// <summary>Waits until some query has ended with <paramref name="result"/> (see <see cref="SingleOutcomeAsync"/>).</summary>
    public Task OutcomeAsync(TransferResult result) =>
        Eventually.True(() => Outcomes.Any(o => o.Result == result), $"a transfer that ended {result}");

    /// <summary>SOA queries answered so far (what a secondary asks first, on its timers or after a NOTIFY).</summary>
    public int SoaQueries => Volatile.Read(ref _soaQueries);

    /// <summary>When set, every response message goes through this instead of straight to the socket (tests that break a transfer).</summary>
    public Func<byte[], int, byte[]?>? Tamper { get; set; }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // stopped
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var peer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
            int index = 0;
            var sink = new DelegateMessageSink(async (message, token) =>
            {
                byte[]? bytes = message.ToArray();
                if (Tamper is { } tamper)
                    bytes = tamper(bytes, index++) ?? throw new IOException("the test cut the connection");
                var framed = new byte[bytes.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)bytes.Length);
                bytes.CopyTo(framed, 2);
                await stream.WriteAsync(framed, token);
            });
            try
            {
                var prefix = new byte[2];
                while (true)
                {
                    await stream.ReadExactlyAsync(prefix, _stop.Token);
                    var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                    await stream.ReadExactlyAsync(query, _stop.Token);
                    if (SoaAnswer(query) is { } soa)
                    {
                        await sink.SendAsync(soa, _stop.Token);
                        continue;
                    }
                    var outcome = await _service.RespondAsync(query, peer, _zones, sink, _stop.Token);
                    lock (_outcomes)
                        _outcomes.Add(outcome);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or EndOfStreamException or ObjectDisposedException)
            {
                // the client closed, or the test cut the connection
            }
        }
    }

    private async Task ReceiveAsync()
    {
        var response = new byte[4096];
        try
        {
            while (true)
            {
                var datagram = await _udp.ReceiveAsync(_stop.Token);
                if (SoaAnswer(datagram.Buffer) is { } soa)
                {
                    await _udp.SendAsync(soa, datagram.RemoteEndPoint, _stop.Token);
                    continue;
                }
                int length = _service.RespondOverUdp(datagram.Buffer, datagram.RemoteEndPoint.Address, _zones, response, out var outcome);
                lock (_outcomes)
                    _outcomes.Add(outcome);
                if (length > 0)
                    await _udp.SendAsync(response.AsMemory(0, length), datagram.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    /// <summary>
    /// A plain SOA query gets the served SOA (All members), authoritative, as the query engine would answer
    /// it, signed with the key that signed the query: what a secondary asks before transferring.
    /// </summary>
    private byte[]? SoaAnswer(byte[] query)
    {
        if (DnsMessage.TryParse(query, out var parsed) != ParseStatus.Ok || parsed!.Questions is not [{ Type: RecordType.SOA } question]
            || !_zones.TryGetZone(question.Name, TransferMembers.All, out var served))
        {
            return null;
        }
        Interlocked.Increment(ref _soaQueries);
        var verification = TsigServerExchange.Verify(query, _keys, _time);
        using var exchange = verification.Exchange;
        var answer = new DnsMessage();
        answer.Header.Id = parsed.Header.Id;
        answer.Header.IsResponse = true;
        answer.Header.IsAuthoritative = true;
        answer.Questions.Add(question);
        answer.Answers.Add(new ResourceRecord(served.Zone.Origin, 1, served.Zone.SoaSet.Ttl, served.Zone.Soa));
        var bytes = answer.Encode();
        if (exchange is null)
            return bytes;
        var buffer = new byte[bytes.Length + 512];
        bytes.CopyTo(buffer, 0);
        Assert.True(exchange.TrySign(buffer, bytes.Length, out int length));
        return buffer[..length];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Stop();
        _udp.Dispose();
        await Task.WhenAll(_tcpLoop, _udpLoop);
        _stop.Dispose();
    }
}
