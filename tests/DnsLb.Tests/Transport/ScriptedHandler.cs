using System.Buffers.Binary;
using System.Collections.Concurrent;
using DnsLb.Answering;

namespace DnsLb.Tests.Transport;

/// <summary>
/// A handler the test steers by the query's ID, for listeners tested alone. Queries are bare 12-byte headers;
/// an answer is the header echoed with QR set, or a longer message that starts with it.
/// <list type="bullet">
/// <item>1–99: answered at once.</item>
/// <item>100–199: deferred; the work waits until <see cref="Open"/> is called, then sends the echo.</item>
/// <item>200–299: deferred, a zone-transfer stand-in: sends <see cref="TransferMessages"/> messages
/// (<see cref="TransferMessage"/>), one after the other.</item>
/// <item>300–399: deferred work that throws.</item>
/// <item>400–499: deferred; sends one 60,000-byte message filled with the ID's low byte.</item>
/// </list>
/// When the listener cannot take deferred work, the query is answered at once with rcode SERVFAIL. Every
/// deferred work notes the thread its synchronous start ran on (<see cref="WorkThreads"/>).
/// </summary>
internal sealed class ScriptedHandler : IDnsQueryHandler
{
    public const int TransferMessages = 3;
    public const int BigMessage = 60_000;
    private int _deferred;
    private int _refusedDeferrals;

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The names of the threads deferred work started on.</summary>
    public ConcurrentQueue<string> WorkThreads { get; } = new();

    /// <summary>Deferred work that has started (and passed no gate yet).</summary>
    public int Deferred => Volatile.Read(ref _deferred);

    /// <summary>Queries the listener would not take deferred work for.</summary>
    public int RefusedDeferrals => Volatile.Read(ref _refusedDeferrals);

    /// <summary>Every client address a query came with.</summary>
    public ConcurrentQueue<ClientAddress> Clients { get; } = new();

    /// <summary>Lets every gated work (IDs 100–199) send its answer, and those to come.</summary>
    public void Open() => _gate.TrySetResult();

    public static byte[] Query(ushort id) => [(byte)(id >> 8), (byte)id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static ushort IdOf(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message);

    public static int RcodeOf(ReadOnlySpan<byte> message) => message[3] & 0x0F;

    /// <summary>Message <paramref name="index"/> of the transfer for <paramref name="id"/>: the header, the index, then 4000 + index bytes of (id ^ index).</summary>
    public static byte[] TransferMessage(ushort id, int index)
    {
        var message = new byte[12 + 1 + 4000 + index];
        Echo(Query(id), message);
        message[12] = (byte)index;
        message.AsSpan(13).Fill((byte)(id ^ index));
        return message;
    }

    public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
    {
        Clients.Enqueue(context.Client);
        ushort id = IdOf(query);
        Func<IDnsResponder, Task>? work = id switch
        {
            >= 100 and < 200 => responder => Noted(() => GatedAsync(responder, id)),
            >= 200 and < 300 => responder => Noted(() => TransferAsync(responder, id)),
            >= 300 and < 400 => responder => Noted(ThrowAsync),
            >= 400 and < 500 => responder => Noted(() => BigAsync(responder, id)),
            _ => null,
        };
        if (work is not null && context.TryDefer(work))
            return 0;
        int length = Echo(query, response);
        if (work is not null)
        {
            Interlocked.Increment(ref _refusedDeferrals);
            response[3] = 2; // SERVFAIL
        }
        return length;
    }

    private static int Echo(ReadOnlySpan<byte> query, Span<byte> response)
    {
        query[..12].CopyTo(response);
        response[2] |= 0x80;
        return 12;
    }

    /// <summary>Notes the thread the listener started the work on, then starts it there.</summary>
    private Task Noted(Func<Task> work)
    {
        WorkThreads.Enqueue(Thread.CurrentThread.IsThreadPoolThread ? "(thread pool)" : Thread.CurrentThread.Name ?? "(unnamed)");
        return work();
    }

    private async Task GatedAsync(IDnsResponder responder, ushort id)
    {
        Interlocked.Increment(ref _deferred);
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var answer = new byte[12];
        Echo(Query(id), answer);
        await responder.SendAsync(answer);
    }

    private static async Task TransferAsync(IDnsResponder responder, ushort id)
    {
        for (int i = 0; i < TransferMessages; i++)
            Assert.True(await responder.SendAsync(TransferMessage(id, i)));
    }

    private static async Task ThrowAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("planted bug in deferred work");
    }

    private static async Task BigAsync(IDnsResponder responder, ushort id)
    {
        var message = new byte[BigMessage];
        message.AsSpan().Fill((byte)id);
        Echo(Query(id), message);
        await responder.SendAsync(message);
    }
}
