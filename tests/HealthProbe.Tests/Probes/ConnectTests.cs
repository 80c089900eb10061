using System.Net;
using System.Net.Sockets;
using HealthProbe.Probes;

namespace HealthProbe.Tests.Probes;

[CollectionDefinition(nameof(FirstChanceExceptions), DisableParallelization = true)]
public sealed class FirstChanceExceptions;

/// <summary>
/// How the probes' TCP connect ends: a refused connection is a result, not an exception (a down node is
/// probed several times a second); a connect that never completes ends with the caller's cancellation.
/// Alone in its collection, so that no other test's sockets are counted.
/// </summary>
[Collection(nameof(FirstChanceExceptions))]
public sealed class ConnectTests
{
    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Theory]
    [InlineData(ProbeKind.Tcp)]
    [InlineData(ProbeKind.Http)]
    public async Task RefusedConnection_IsAResult_WithoutAnException(ProbeKind kind)
    {
        var probe = ProbeFactory.Create(new ProbeOptions { Kind = kind, Port = ClosedPort() });
        int thrown = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception is SocketException)
                Interlocked.Increment(ref thrown);
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            for (int i = 0; i < 10; i++)
            {
                var result = await probe.ProbeAsync(IPAddress.Loopback, CancellationToken.None);
                Assert.Equal("connection refused", result.Reason);
                Assert.Equal(Evidence.Definitive, result.Evidence);
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
            (probe as IDisposable)?.Dispose();
        }
        Assert.Equal(0, thrown);
    }

    [Theory]
    [InlineData(ProbeKind.Tcp)]
    [InlineData(ProbeKind.Http)]
    public async Task ConnectThatNeverCompletes_EndsWithTheCancellation(ProbeKind kind)
    {
        // A listener whose queue is full: the kernel drops further connection requests, so a connect waits.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var queued = new List<Socket>();
        try
        {
            Task<SocketError> hanging;
            while (true)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                queued.Add(socket);
                using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                var attempt = SocketConnect.ConnectAsync(socket, endPoint, quick.Token).AsTask();
                if (await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(20))) != attempt)
                    throw new TimeoutException("connect did not end at its cancellation");
                if (attempt.IsCanceled || attempt.IsFaulted)
                {
                    hanging = attempt;
                    break;
                }
                Assert.True(queued.Count < 20, "the listener's queue never filled");
            }
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);

            var probe = ProbeFactory.Create(new ProbeOptions { Kind = kind, Port = endPoint.Port });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.ProbeAsync(IPAddress.Loopback, cancel.Token));
            (probe as IDisposable)?.Dispose();
        }
        finally
        {
            foreach (var socket in queued)
                socket.Dispose();
        }
    }
}
