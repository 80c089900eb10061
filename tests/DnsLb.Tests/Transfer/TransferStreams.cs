using DnsLb.Protocol;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer;

/// <summary>Transfer responses made by our writer, as the messages a client would read.</summary>
internal static class TransferStreams
{
    public static TransferRequest Axfr(string zone = "example.com.", ushort id = 0x4242) => new(id, DnsName.Parse(zone), RecordType.AXFR, null, false, false, false);

    public static TransferRequest Ixfr(uint serial, string zone = "example.com.", ushort id = 0x4242) => new(id, DnsName.Parse(zone), RecordType.IXFR, serial, false, false, false);

    public static List<byte[]> Write(TransferRequest request, ServedZone served, TsigServerExchange? tsig = null)
    {
        var plan = TransferPlan.Choose(request, served.Zone, served.History);
        var sink = new CollectingSink();
        ZoneTransferWriter.WriteAsync(request, plan, tsig, sink, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return sink.Messages;
    }

    public static List<byte[]> Write(TransferRequest request, Zone zone) => Write(request, TransferZones.Served(zone));
}
