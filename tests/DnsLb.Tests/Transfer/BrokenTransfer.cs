using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer;

/// <summary>
/// How a test primary (<see cref="TransferTestServer.Tamper"/>) breaks a transfer of a zone too large for one
/// message: "cut" (the connection closed after two messages), "no final SOA", "wrong zone" (a record from
/// another zone), "bad message" (a message cut in half), or a flipped byte that breaks the TSIG.
/// </summary>
internal static class BrokenTransfer
{
    /// <summary>What the test primary sends instead of message <paramref name="index"/> (null cuts the connection).</summary>
    public static byte[]? Break(string breakage, byte[] message, int index)
    {
        bool last = index > 0 && DnsTestClient.Parse(message).Answers is { Count: > 0 } answers && answers[^1].Type == RecordType.SOA;
        switch (breakage)
        {
            case "cut":
                return index < 2 ? message : null;
            case "no final SOA":
                return last ? null : message;
            case "wrong zone":
                if (index != 1)
                    return message;
                var parsed = DnsTestClient.Parse(message);
                parsed.Answers.RemoveRange(0, 3); // room for a name that cannot be compressed
                parsed.Answers.Insert(0, new ResourceRecord(DnsName.Parse("www.example.org."), 1, 300, new DnsLb.Protocol.RecordData.AddressData(IPAddress.Loopback)));
                return parsed.Encode();
            case "bad message":
                return index == 1 ? message[..(message.Length / 2)] : message;
            default:
                if (index == 1)
                    message[100] ^= 0x01;
                return message;
        }
    }
}
