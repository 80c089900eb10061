using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transport;

/// <summary>Runs alone: it counts the bytes the whole process allocates, so no other test may run beside it.</summary>
[CollectionDefinition(nameof(ProcessAllocations), DisableParallelization = true)]
public sealed class ProcessAllocations;

/// <summary>TCP costs little per query: no timer, token or buffer allocated per read (DESIGN.md "Performance").</summary>
[Collection(nameof(ProcessAllocations))]
public sealed class TcpAllocationTests
{
    [Fact]
    public async Task PipelinedTcpQueries_AllocateAlmostNothingPerQuery()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example());
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 9).Encode();
        var framed = new byte[query.Length + 2];
        framed[1] = (byte)query.Length;
        query.CopyTo(framed, 2);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 30_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        var answer = new byte[65535];
        int answerLength = Ask(socket, framed, answer, count: 1);

        Ask(socket, framed, answer, count: 5000); // warm up
        // Many queries, so that one-off costs while measuring (a thread-pool thread joining, with its first
        // pooled buffer) weigh little; the old per-read timeout tokens cost several hundred bytes a query.
        const int Queries = 100_000;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Ask(socket, framed, answer, count: Queries);
        long perQuery = (GC.GetTotalAllocatedBytes(precise: true) - before) / Queries;

        Assert.True(answerLength > 12);
        Assert.True(perQuery < 64, $"{perQuery} bytes allocated per TCP query");
    }

    /// <summary>Sends <paramref name="count"/> queries one after the other on the connection and reads every answer; returns the last one's length.</summary>
    private static int Ask(Socket socket, byte[] framed, byte[] answer, int count)
    {
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            socket.Send(framed);
            Receive(socket, answer.AsSpan(0, 2));
            length = (answer[0] << 8) | answer[1];
            Receive(socket, answer.AsSpan(0, length));
        }
        return length;
    }

    private static void Receive(Socket socket, Span<byte> into)
    {
        while (!into.IsEmpty)
        {
            int n = socket.Receive(into);
            Assert.True(n > 0, "the server closed the connection");
            into = into[n..];
        }
    }
}
