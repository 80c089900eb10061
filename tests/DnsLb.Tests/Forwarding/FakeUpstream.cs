using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Forwarding;

/// <summary>
/// A scriptable upstream resolver on a loopback address and an ephemeral port, UDP and TCP (or, given a
/// certificate, DNS over TLS on the TCP port). Answers from a small table; NXDOMAIN and NODATA carry the SOA
/// of <c>upstream.test.</c>. Counts what it receives.
/// </summary>
internal sealed class FakeUpstream : IDisposable
{
    public const string SoaOwner = "upstream.test.";
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly Socket _spoofer;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string, RecordType), List<ResourceRecord>> _records = new();
    private readonly ConcurrentBag<Stream> _connections = [];
    private int _udpQueries;
    private int _tcpQueries;
    private int _connectionsAccepted;
    private volatile UpstreamMode _mode;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeUpstream(string address, X509Certificate2? certificate)
    {
        var ip = IPAddress.Parse(address);
        _certificate = certificate;
        _udp = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(ip, 0));
        Port = ((IPEndPoint)_udp.LocalEndPoint!).Port;
        _tcp = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _tcp.Bind(new IPEndPoint(ip, Port));
        _tcp.Listen(16);
        _spoofer = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _spoofer.Bind(new IPEndPoint(ip, 0));
        Address = address;
        _ = Task.Run(UdpLoopAsync);
        _ = Task.Run(AcceptLoopAsync);
    }

    public static FakeUpstream Start(string address = "127.0.0.1", X509Certificate2? certificate = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FakeUpstream(address, certificate);
            }
            catch (SocketException) when (attempt < 10)
            {
                // the UDP port was free but TCP's was not: pick another
            }
        }
    }

    public string Address { get; }
    public int Port { get; }

    /// <summary>As written in Forwarding:Upstreams.</summary>
    public string Endpoint => Address.Contains(':') ? $"[{Address}]:{Port}" : $"{Address}:{Port}";

    public UpstreamMode Mode { get => _mode; set => _mode = value; }
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>TTL and MINIMUM of the SOA in negative answers.</summary>
    public uint SoaTtl { get; set; } = 600;
    public uint SoaMinimum { get; set; } = 60;

    /// <summary>The payload size in the fake's own OPT (not ours: the forwarder must not pass it on).</summary>
    public ushort OwnPayloadSize { get; set; } = 4096;

    public int UdpQueries => Volatile.Read(ref _udpQueries);
    public int TcpQueries => Volatile.Read(ref _tcpQueries);
    public int Queries => UdpQueries + TcpQueries;
    public int ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);

    /// <summary>Every query received, with the address and port it came from (UDP) or null (TCP).</summary>
    public ConcurrentQueue<(DnsMessage Query, IPEndPoint? From)> Received { get; } = new();

    public void Add(string name, uint ttl, RData data) =>
        _records.GetOrAdd((name.ToLowerInvariant(), data.Type), _ => []).Add(new ResourceRecord(DnsName.Parse(name), 1, ttl, data));

    public void AddA(string name, string address, uint ttl = 300) => Add(name, ttl, new AddressData(IPAddress.Parse(address)));

    /// <summary>A name with <paramref name="count"/> A records: 16 bytes each after the first, too many for 512 bytes past 30.</summary>
    public void AddManyA(string name, int count, uint ttl = 300)
    {
        for (int i = 0; i < count; i++)
            AddA(name, $"127.1.{i / 250}.{i % 250 + 1}", ttl);
    }

    /// <summary>Lets every answer held in <see cref="UpstreamMode.Held"/> go, and those to come.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Closes every open TCP/TLS connection (the server side of an idle close).</summary>
    public void DropConnections()
    {
        while (_connections.TryTake(out var stream))
            stream.Dispose();
    }

    /// <summary>An upstream address with nothing listening: the port was free a moment ago.</summary>
    public static string DeadEndpoint(string address = "127.0.0.1")
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return $"{address}:{((IPEndPoint)socket.LocalEndPoint!).Port}";
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(_udp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            if (DnsMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var query) != ParseStatus.Ok)
                continue;
            Interlocked.Increment(ref _udpQueries);
            var client = (IPEndPoint)received.RemoteEndPoint;
            Received.Enqueue((query!, client));
            _ = Task.Run(() => AnswerUdpAsync(query!, client));
        }
    }

    private async Task AnswerUdpAsync(DnsMessage query, IPEndPoint client)
    {
        var mode = Mode;
        try
        {
            switch (mode)
            {
                case UpstreamMode.Silent:
                    return;
                case UpstreamMode.Slow:
                    await Task.Delay(Delay, _stop.Token);
                    break;
                case UpstreamMode.Held:
                    await _released.Task.WaitAsync(_stop.Token);
                    break;
                case UpstreamMode.WrongIdOnly:
                    await _udp.SendToAsync(Spoof(query, idDelta: 1), client);
                    return;
                case UpstreamMode.WrongIdThenRight:
                    await _udp.SendToAsync(Spoof(query, idDelta: 1), client);
                    await Task.Delay(50);
                    break;
                case UpstreamMode.WrongSourceThenRight:
                    await _spoofer.SendToAsync(Spoof(query, idDelta: 0), client);
                    await Task.Delay(50);
                    break;
            }
            var response = Answer(query, mode);
            int limit = query.Opt is { } opt ? Math.Max((int)opt.Class, 512) : 512;
            var bytes = response.Encode();
            if (mode == UpstreamMode.TruncateUdp || bytes.Length > limit)
            {
                response.Answers.Clear();
                response.Authorities.Clear();
                response.Header.IsTruncated = true;
                bytes = response.Encode();
            }
            if (mode == UpstreamMode.Malformed)
                bytes = bytes[..^3];
            await _udp.SendToAsync(bytes, client);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>A false answer (127.6.6.6) to <paramref name="query"/>, its ID moved by <paramref name="idDelta"/>.</summary>
    private static byte[] Spoof(DnsMessage query, int idDelta)
    {
        var response = Reply(query);
        response.Header.Id = (ushort)(query.Header.Id + idDelta);
        response.Answers.Add(new ResourceRecord(query.Questions[0].Name, 1, 300, new AddressData(IPAddress.Parse("127.6.6.6"))));
        return response.Encode();
    }

    private static DnsMessage Reply(DnsMessage query)
    {
        var response = new DnsMessage();
        response.Header.Id = query.Header.Id;
        response.Header.IsResponse = true;
        response.Header.RecursionDesired = query.Header.RecursionDesired;
        response.Header.RecursionAvailable = true;
        response.Questions.AddRange(query.Questions);
        return response;
    }

    private DnsMessage Answer(DnsMessage query, UpstreamMode mode)
    {
        var response = Reply(query);
        if (query.Opt is { } opt)
        {
            // Our own OPT, with an option (NSID, empty): none of it may reach the forwarder's clients.
            response.Additionals.Add(new ResourceRecord(DnsName.Root, OwnPayloadSize, opt.Ttl & 0x8000, new UnknownData(RecordType.OPT, [0, 3, 0, 0])));
        }
        if (mode == UpstreamMode.ServFail || mode == UpstreamMode.Refused)
        {
            response.Header.ResponseCode = (byte)(mode == UpstreamMode.ServFail ? ResponseCode.ServFail : ResponseCode.Refused);
            return response;
        }
        var question = query.Questions[0];
        var name = question.Name.ToString().ToLowerInvariant();
        if (_records.TryGetValue((name, question.Type), out var records))
        {
            lock (records)
                response.Answers.AddRange(records);
            return response;
        }
        bool exists = _records.Keys.Any(k => k.Item1 == name);
        if (!exists)
            response.Header.ResponseCode = (byte)ResponseCode.NXDomain;
        var soa = new SoaData(DnsName.Parse(SoaOwner), DnsName.Parse("hostmaster.upstream.test."), 1, 3600, 600, 86400, SoaMinimum);
        response.Authorities.Add(new ResourceRecord(DnsName.Parse(SoaOwner), 1, SoaTtl, soa));
        return response;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connectionsAccepted);
            _ = Task.Run(() => ServeConnectionAsync(connection));
        }
    }

    private async Task ServeConnectionAsync(Socket connection)
    {
        Stream stream = new NetworkStream(connection, ownsSocket: true);
        try
        {
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                stream = tls;
            }
            _connections.Add(stream);
            var writeLock = new SemaphoreSlim(1, 1);
            var prefix = new byte[2];
            while (true)
            {
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var bytes = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(bytes, _stop.Token);
                if (DnsMessage.TryParse(bytes, out var query) != ParseStatus.Ok)
                    continue;
                Interlocked.Increment(ref _tcpQueries);
                Received.Enqueue((query!, null));
                // Each query answered on its own, so slow answers may overtake each other (RFC 7766 §6.2.1.1).
                _ = Task.Run(() => AnswerTcpAsync(stream, writeLock, query!));
            }
        }
        catch (Exception)
        {
            stream.Dispose();
        }
    }

    private async Task AnswerTcpAsync(Stream stream, SemaphoreSlim writeLock, DnsMessage query)
    {
        var mode = Mode;
        if (mode is UpstreamMode.Silent or UpstreamMode.WrongIdOnly)
            return;
        try
        {
            if (mode == UpstreamMode.Slow)
                await Task.Delay(Delay, _stop.Token);
            if (mode == UpstreamMode.Held)
                await _released.Task.WaitAsync(_stop.Token);
            var bytes = Answer(query, mode).Encode();
            if (mode == UpstreamMode.Malformed)
                bytes = bytes[..^3];
            var framed = new byte[bytes.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)bytes.Length);
            bytes.CopyTo(framed, 2);
            await writeLock.WaitAsync(_stop.Token);
            try
            {
                await stream.WriteAsync(framed, _stop.Token);
            }
            finally
            {
                writeLock.Release();
            }
        }
        catch (Exception)
        {
            // connection gone or stopping
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
        _spoofer.Dispose();
        DropConnections();
    }
}
