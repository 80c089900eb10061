using System.Diagnostics;
using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Forwarding;

/// <summary>
/// A <see cref="Forwarder"/> asked the way the query engine will ask it: the synchronous
/// <see cref="IForwarder.TryAnswerLocally"/> first, then <see cref="IForwarder.ForwardAsync"/> with a copy of the query.
/// </summary>
internal sealed class ForwardingHarness : IAsyncDisposable
{
    private ForwardingHarness(Forwarder forwarder) => Forwarder = forwarder;

    public Forwarder Forwarder { get; }

    public static ForwardingHarness Create(IEnumerable<string> upstreams, Action<ForwardingOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ForwardingOptions { Upstreams = [.. upstreams] };
        configure?.Invoke(options);
        Assert.Empty(ForwardingSettings.Problems(options));
        return new ForwardingHarness(new Forwarder(Options.Create(options), time ?? TimeProvider.System, NullLogger<Forwarder>.Instance));
    }

    public static ForwardingHarness Create(params FakeUpstream[] upstreams) => Create(upstreams.Select(u => u.Endpoint));

    /// <summary>
    /// One upstream that always answers, with attempt timeouts far above any delay a loaded test machine
    /// causes: a test that counts upstream queries must not see a hedged second query it did not ask for.
    /// </summary>
    public static ForwardingHarness CreatePatient(FakeUpstream upstream, Action<ForwardingOptions>? configure = null, TimeProvider? time = null) =>
        Create([upstream.Endpoint], o =>
        {
            (o.AttemptTimeoutMs, o.TimeoutMs) = (10_000, 30_000);
            configure?.Invoke(o);
        }, time);

    /// <summary>A query with an optional OPT (payload size, DO bit).</summary>
    public static byte[] Query(string name, RecordType type, ushort id, ushort? edns = 1232, bool dnssecOk = false, bool checkingDisabled = false)
    {
        var message = DnsMessage.Query(name, type, id, recursionDesired: true);
        message.Header.CheckingDisabled = checkingDisabled;
        if (edns is ushort payload)
            message.Additionals.Add(new ResourceRecord(DnsName.Root, payload, dnssecOk ? 0x8000u : 0, new UnknownData(RecordType.OPT, [])));
        return message.Encode();
    }

    public static ForwardRequest Request(byte[] query, bool overTcp)
    {
        var message = DnsTestClient.Parse(query);
        var opt = message.Opt;
        return new ForwardRequest(message.Header.Id, overTcp, opt is null ? null : opt.Class,
            opt is not null && (opt.Ttl & 0x8000) != 0, message.Header.CheckingDisabled, message.Header.RecursionDesired, message.Header.AuthenticData);
    }

    /// <summary>Asks and returns the raw response and whether it came from the synchronous path.</summary>
    public async Task<(byte[] Response, bool Synchronous)> AskRawAsync(byte[] query, bool overTcp = false)
    {
        var request = Request(query, overTcp);
        var response = new byte[65535];
        if (TryLocally(query, request, response, out int length))
            return (response[..length], true);
        length = await Forwarder.ForwardAsync(query.ToArray(), response, request, CancellationToken.None);
        Assert.True(length > 0, "no response");
        return (response[..length], false);
    }

    public async Task<DnsMessage> AskAsync(string name, RecordType type, ushort? edns = 1232, bool overTcp = false, bool dnssecOk = false)
    {
        var query = Query(name, type, (ushort)Random.Shared.Next(1, 65535), edns, dnssecOk);
        var (response, _) = await AskRawAsync(query, overTcp);
        var message = DnsTestClient.Parse(response);
        Assert.Equal(DnsTestClient.Parse(query).Header.Id, message.Header.Id);
        return message;
    }

    /// <summary>Asks and measures, for tests whose point is a bound ("answered within N s, not hung").</summary>
    public async Task<(DnsMessage Response, TimeSpan Elapsed)> TimedAskAsync(string name, RecordType type)
    {
        var watch = Stopwatch.StartNew();
        var response = await AskAsync(name, type).WaitAsync(TimeSpan.FromSeconds(60));
        return (response, watch.Elapsed);
    }

    private bool TryLocally(byte[] query, in ForwardRequest request, byte[] response, out int length)
    {
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        Span<byte> lower = stackalloc byte[WireName.MaxLength];
        Assert.True(ForwardQuestion.TryRead(query, name, lower, out var question));
        return Forwarder.TryAnswerLocally(question, request, response, out length);
    }

    public ValueTask DisposeAsync() => Forwarder.DisposeAsync();
}
