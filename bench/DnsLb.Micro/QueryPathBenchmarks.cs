using BenchmarkDotNet.Attributes;
using DnsLb.Answering;
using DnsLb.Hosting;
using DnsLb.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DnsLb.Micro;

/// <summary>
/// One query of each kind through the seam the listeners call (<see cref="IDnsQueryHandler.Handle"/>): the
/// query's bytes are parsed, answered from the served snapshot and the response written into a buffer, as on
/// the receiving thread, without sockets. The server is the real one, built by <see cref="DnsLbHost"/> with
/// the pool configured; it is prepared (zones loaded) but not started, so no probe runs and every pool member
/// counts as healthy (as before its first probe). Each benchmark returns the response length, which the
/// setup checks once against the expected answer shape.
/// </summary>
[MemoryDiagnoser]
public class QueryPathBenchmarks
{
    private readonly byte[] _response = new byte[65535];
    private string _work = "";
    private IHost? _host;
    private IDnsQueryHandler _handler = null!;
    private byte[] _poolA = [];
    private byte[] _staticA = [];
    private byte[] _cnameToPool = [];
    private byte[] _nxDomain = [];
    private byte[] _aaaa = [];
    private byte[] _mxWithAdditional = [];
    private byte[] _referral = [];
    private byte[] _bigOverTcp = [];
    private byte[] _bigOverUdp = [];

    [GlobalSetup]
    public void Setup()
    {
        _work = Directory.CreateTempSubdirectory("dnslb-micro-").FullName;
        var zones = Directory.CreateDirectory(Path.Combine(_work, "zones")).FullName;
        File.WriteAllText(Path.Combine(zones, BenchZone.Origin + "zone"), BenchZone.Text());
        _host = DnsLbHost.Build(
        [
            "--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={zones}", "--Dns:UdpSocketsPerAddress=1",
            "--Status:Listen=", $"--Drain:Directory={Path.Combine(_work, "drain")}", "--Logging:LogLevel:Default=Warning",
            "--Pools:twopir.example.com:Probe:Kind=Tcp", "--Pools:twopir.example.com:Probe:Port=9",
        ], settingsFile: Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        if (DnsLbHost.Prepare(_host) is { } problem)
            throw new InvalidOperationException(problem);
        _handler = _host.Services.GetRequiredService<IDnsQueryHandler>();

        _poolA = Query("twopir.example.com.", RecordType.A, ednsPayload: 1232);
        _staticA = Query("static.example.com.", RecordType.A);
        _cnameToPool = Query("www.example.com.", RecordType.A);
        _nxDomain = Query("nope.example.com.", RecordType.A);
        _aaaa = Query("static.example.com.", RecordType.AAAA);
        _mxWithAdditional = Query("example.com.", RecordType.MX);
        _referral = Query("host.sub.example.com.", RecordType.A);
        _bigOverTcp = Query("big.example.com.", RecordType.TXT);
        _bigOverUdp = Query("big.example.com.", RecordType.TXT, ednsPayload: 1232);

        Expect(_poolA, Udp, ResponseCode.NoError, answers: 3);
        Expect(_staticA, Udp, ResponseCode.NoError, answers: 1);
        Expect(_cnameToPool, Udp, ResponseCode.NoError, answers: 4);
        Expect(_nxDomain, Udp, ResponseCode.NXDomain, answers: 0);
        Expect(_aaaa, Udp, ResponseCode.NoError, answers: 1);
        Expect(_mxWithAdditional, Udp, ResponseCode.NoError, answers: 1, additional: 2);
        Expect(_referral, Udp, ResponseCode.NoError, answers: 0, additional: 1);
        Expect(_bigOverTcp, Tcp, ResponseCode.NoError, answers: 40);
        Expect(_bigOverUdp, Udp, ResponseCode.NoError, answers: 0, truncated: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private static QueryContext Udp => new(DnsTransport.Udp);

    private static QueryContext Tcp => new(DnsTransport.Tcp);

    /// <summary>A pool name: every healthy member, shuffled (the lab's most common query).</summary>
    [Benchmark(Baseline = true)]
    public int PoolA() => _handler.Handle(_poolA, _response, Udp);

    [Benchmark]
    public int StaticA() => _handler.Handle(_staticA, _response, Udp);

    /// <summary>A CNAME followed inside the zone to the pool.</summary>
    [Benchmark]
    public int CnameToPool() => _handler.Handle(_cnameToPool, _response, Udp);

    /// <summary>No such name: the SOA in the authority section.</summary>
    [Benchmark]
    public int NxDomain() => _handler.Handle(_nxDomain, _response, Udp);

    [Benchmark]
    public int Aaaa() => _handler.Handle(_aaaa, _response, Udp);

    /// <summary>MX with the target's A and AAAA in the additional section.</summary>
    [Benchmark]
    public int MxWithAdditional() => _handler.Handle(_mxWithAdditional, _response, Udp);

    /// <summary>A name below a delegation: NS in authority, glue in additional, AA clear.</summary>
    [Benchmark]
    public int Referral() => _handler.Handle(_referral, _response, Udp);

    /// <summary>A 2.6 kB TXT RRset over TCP, written whole.</summary>
    [Benchmark]
    public int BigAnswerOverTcp() => _handler.Handle(_bigOverTcp, _response, Tcp);

    /// <summary>The same RRset over UDP with EDNS 1232: truncated (TC=1).</summary>
    [Benchmark]
    public int BigAnswerTruncatedOverUdp() => _handler.Handle(_bigOverUdp, _response, Udp);

    private static byte[] Query(string name, RecordType type, ushort? ednsPayload = null) =>
        DnsMessage.Query(name, type, id: 0x1234, ednsPayload).Encode();

    private void Expect(byte[] query, QueryContext context, ResponseCode code, int answers, int additional = -1, bool truncated = false)
    {
        int length = _handler.Handle(query, _response, context);
        if (!DnsHeader.TryRead(_response.AsSpan(0, length), out var header))
            throw new InvalidOperationException($"no response to query {Convert.ToHexString(query)}");
        string name = Convert.ToHexString(query);
        if ((ResponseCode)header.ResponseCode != code || header.AnswerCount != answers || header.IsTruncated != truncated
            || (additional >= 0 && header.AdditionalCount < additional))
        {
            throw new InvalidOperationException(
                $"{name}: expected {code}, {answers} answer(s){(truncated ? ", TC" : "")}, got {(ResponseCode)header.ResponseCode}, " +
                $"{header.AnswerCount} answer(s), {header.AdditionalCount} additional{(header.IsTruncated ? ", TC" : "")}");
        }
    }
}
