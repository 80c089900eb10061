using System.Buffers.Binary;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Support;

/// <summary>One record as it came off the wire: owner (lowercased text), type and RDATA in hex.</summary>
internal readonly record struct WireRecord(string Owner, RecordType Type, string RData);

/// <summary>
/// Reads records out of raw responses without trusting our own record-data decoders: the RDATA is the
/// bytes as sent, except for the RFC 1035 types whose names a server may compress (NS, CNAME, SOA, PTR,
/// MX), which are expanded first so that two servers' different compression does not count as a difference.
/// </summary>
internal static class WireRecords
{
    /// <summary>The records of every section (answer, authority, additional), the OPT record aside.</summary>
    public static List<WireRecord> Records(byte[] message)
    {
        var reader = new DnsMessageReader(message);
        Assert.Equal(ParseStatus.Ok, reader.ReadHeader(out var header));
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        for (int i = 0; i < header.QuestionCount; i++)
            Assert.Equal(ParseStatus.Ok, reader.ReadQuestion(name, out _, out _, out _));
        var records = new List<WireRecord>();
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            Assert.Equal(ParseStatus.Ok, reader.ReadRecord(name, out var record));
            if (record.Type == RecordType.OPT)
                continue;
            var owner = DnsName.FromWire(name[..record.NameLength]).ToString().ToLowerInvariant();
            records.Add(new WireRecord(owner, record.Type, Convert.ToHexString(RData(message, record))));
        }
        return records;
    }

    private static ReadOnlySpan<byte> RData(byte[] message, RecordHeader record)
    {
        if (record.Type is not (RecordType.NS or RecordType.CNAME or RecordType.SOA or RecordType.PTR or RecordType.MX))
            return message.AsSpan(record.RDataOffset, record.RDataLength);
        Assert.Equal(ParseStatus.Ok, RDataReader.TryRead(message, record, out var data));
        return data!.Wire;
    }

    /// <summary>AXFR over TCP (RFC 5936): the messages up to the closing SOA, their records in order.</summary>
    public static List<WireRecord> ZoneTransfer(int port, string zone)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveTimeout = 10_000;
        socket.Connect(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        var query = DnsMessage.Query(zone, RecordType.AXFR, 7).Encode();
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        socket.Send(framed);
        var records = new List<WireRecord>();
        int soaCount = 0;
        while (soaCount < 2)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(DnsTestClient.ReceiveExactly(socket, 2));
            var message = DnsTestClient.ReceiveExactly(socket, length);
            Assert.Equal(0, DnsTestClient.Parse(message).ResponseCode);
            foreach (var record in Records(message))
            {
                records.Add(record);
                if (record.Type == RecordType.SOA)
                    soaCount++;
            }
        }
        records.RemoveAt(records.Count - 1); // the closing SOA repeats the first
        return records;
    }
}
