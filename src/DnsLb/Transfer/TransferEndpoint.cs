using System.Net;
using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Transfer.Identity;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer;

/// <summary>
/// What the query engine hands to the transfer components: zone transfer queries (AXFR/IXFR: over TCP the
/// whole response, several messages, through the client's responder; over UDP the component's short answers),
/// NOTIFY from primaries (a listed primary's wakes its zone's refresh), the keys signed queries are checked
/// with, the server's identity, and which clients see the <see cref="TransferMembers.Healthy"/> versions of the
/// zones (a secondary listed only with Members=Healthy: its SOA checks must see the serials it transfers).
/// </summary>
internal sealed partial class TransferEndpoint
{
    private readonly ZoneTransferService _transfers;
    private readonly IReadOnlyList<SecondaryZone> _secondaryZones;
    private readonly SecondaryZoneService _secondaries;
    private readonly TimeProvider _time;
    private readonly ILogger<TransferEndpoint> _logger;
    private readonly ClientAddress[] _healthyView;

    public TransferEndpoint(ZoneTransferService transfers, TransferAccess access, TsigKeyRing keys, IReadOnlyList<SecondaryZone> secondaryZones,
        SecondaryZoneService secondaries, ServerIdentity identity, TimeProvider time, ILogger<TransferEndpoint> logger)
    {
        _transfers = transfers;
        _secondaryZones = secondaryZones;
        _secondaries = secondaries;
        _time = time;
        _logger = logger;
        Keys = keys;
        Identity = identity;
        _healthyView = HealthyView(access.Secondaries);
    }

    public TsigKeyRing Keys { get; }

    public ServerIdentity Identity { get; }

    /// <summary>True when some client sees the Healthy versions: the engine looks clients up only then.</summary>
    public bool HasHealthyView => _healthyView.Length > 0;

    /// <summary>True when <paramref name="client"/> is a secondary listed only with Members=Healthy. No allocation.</summary>
    public bool SeesHealthyView(ClientAddress client)
    {
        foreach (var address in _healthyView)
        {
            if (address == client)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Judges a NOTIFY (RFC 1996) and writes its answer into <paramref name="response"/>; a listed primary's
    /// (signed with the zone's key when it has one) makes the zone ask its primaries now. Returns the length.
    /// </summary>
    public int AnswerNotify(ReadOnlySpan<byte> query, Span<byte> response, ClientAddress client)
    {
        var source = client.ToIPAddress();
        var decision = NotifyReceiver.Evaluate(query, source, _secondaryZones, Keys, _time, response);
        var zone = decision.Zone?.Origin.ToString() ?? QuestionName(query);
        switch (decision.Verdict)
        {
            case NotifyVerdict.Refresh:
                LogNotified(_logger, zone, source, decision.HintSerial?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
                _secondaries.RequestRefresh(decision.Zone!.Origin);
                break;
            case NotifyVerdict.Ignored:
                break;
            default:
                LogNotifyRejected(_logger, zone, source, decision.Verdict);
                break;
        }
        return decision.ResponseLength;
    }

    /// <summary>A transfer query over UDP: an allowed IXFR gets our SOA alone (ask over TCP), AXFR NOTIMP, refusals as over TCP.</summary>
    public int AnswerOverUdp(ReadOnlySpan<byte> query, Span<byte> response, ClientAddress client, ITransferZoneSource zones) =>
        _transfers.RespondOverUdp(query, client.ToIPAddress(), zones, response, out _);

    /// <summary>
    /// A transfer query over TCP, off the receiving thread: every message of the response (or the refusal)
    /// sent on the client's connection, in order. Returns the rcode the client got; null when it went away.
    /// </summary>
    public async Task<ResponseCode?> AnswerOverTcpAsync(IDnsResponder responder, byte[] query, ITransferZoneSource zones)
    {
        var sink = new DelegateMessageSink(async (message, _) =>
        {
            if (!await responder.SendAsync(message).ConfigureAwait(false))
                throw new ClientGoneException();
        });
        try
        {
            var outcome = await _transfers.RespondAsync(query, responder.Client.ToIPAddress(), zones, sink, responder.Aborted).ConfigureAwait(false);
            return Rcode(outcome.Result);
        }
        catch (ClientGoneException)
        {
            return null;
        }
    }

    private static ResponseCode Rcode(TransferResult result) => result switch
    {
        TransferResult.FormErr => ResponseCode.FormErr,
        TransferResult.Refused => ResponseCode.Refused,
        TransferResult.NotAuth or TransferResult.TsigRejected => ResponseCode.NotAuth,
        _ => ResponseCode.NoError,
    };

    /// <summary>The addresses listed in <c>Transfer:Secondaries</c> with Members=Healthy and no entry of another mode.</summary>
    private static ClientAddress[] HealthyView(IReadOnlyList<TransferSecondary> secondaries)
    {
        var healthy = new HashSet<ClientAddress>();
        var all = new HashSet<ClientAddress>();
        foreach (var secondary in secondaries)
            (secondary.Members == TransferMembers.Healthy ? healthy : all).Add(ClientAddress.FromIPAddress(secondary.EndPoint.Address));
        healthy.ExceptWith(all);
        return [.. healthy];
    }

    private static string QuestionName(ReadOnlySpan<byte> query)
    {
        var reader = new DnsMessageReader(query);
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        return reader.ReadHeader(out var header) == ParseStatus.Ok && header.QuestionCount > 0
            && reader.ReadQuestion(name, out int length, out _, out _) == ParseStatus.Ok ? DnsName.FromWire(name[..length]).ToString() : "(no question)";
    }

    /// <summary>The client's connection closed while the transfer was being sent.</summary>
    private sealed class ClientGoneException : Exception;
}
