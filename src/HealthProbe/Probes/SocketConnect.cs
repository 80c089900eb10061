using System.Net;
using System.Net.Sockets;

namespace HealthProbe.Probes;

/// <summary>
/// A TCP connect that reports how it ended instead of throwing. A refused connection is a probe's everyday
/// answer for a node that is down, probed several times a second; through <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/>
/// each one was a <see cref="SocketException"/>, whose stack trace the runtime fills in with file and line:
/// the first one loaded System.Reflection.Metadata and read DnsLb's debugging symbols (about 2 MiB that
/// stayed), every one cost tens of microseconds. Cancellation still ends in <see cref="OperationCanceledException"/>,
/// so a timeout is told apart from a failure as before.
/// </summary>
internal static class SocketConnect
{
    public static async ValueTask<SocketError> ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connect = new Connect(endPoint);
        if (socket.ConnectAsync(connect))
        {
            // Closing the socket aborts the connect; the caller disposes it anyway.
            await using (cancellationToken.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket))
                await connect.Completion.ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return connect.SocketError;
    }

    private sealed class Connect : SocketAsyncEventArgs
    {
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Connect(EndPoint endPoint)
            : base(unsafeSuppressExecutionContextFlow: true) => RemoteEndPoint = endPoint;

        public Task Completion => _completed.Task;

        protected override void OnCompleted(SocketAsyncEventArgs e) => _completed.TrySetResult();
    }
}
