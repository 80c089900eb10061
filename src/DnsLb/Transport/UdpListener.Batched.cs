namespace DnsLb.Transport;

/// <summary>
/// The batched loop (Linux): <c>recvmmsg</c> waits for the first datagram and takes every other one already
/// waiting, up to <see cref="DatagramBatch.Capacity"/>; each is answered into its slot's response buffer; one
/// <c>sendmmsg</c> sends the answers, each to the address its query came from. Under load one pair of system
/// calls serves many queries; when queries come one at a time it costs what the portable loop costs.
/// </summary>
internal sealed partial class UdpListener
{
    /// <summary>Serves the socket until it stops (true), or gives up at once when the calls do not work here (false).</summary>
    private bool RunBatched()
    {
        var handle = socket.SafeHandle;
        bool referenced = false;
        try
        {
            // Holding a reference keeps the descriptor open (and not reused for another socket) while the loop
            // uses its number; Dispose closes it once the loop has let go.
            handle.DangerousAddRef(ref referenced);
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
        var batch = _batch = new DatagramBatch();
        try
        {
            return Serve(batch, (int)handle.DangerousGetHandle());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            LogNoBatches(logger, e.Message);
            return false;
        }
        finally
        {
            _batching = false;
            _batch = null;
            if (referenced)
                handle.DangerousRelease();
        }
    }

    private bool Serve(DatagramBatch batch, int descriptor)
    {
        _batching = true;
        while (!_stopping)
        {
            int received = batch.Receive(descriptor, out int errno);
            if (_stopping)
                break; // woken by Dispose: what came with the wake-up is not answered, as the socket is closing
            if (received < 0)
            {
                // EAGAIN from a blocking wait: the descriptor is non-blocking (.NET makes it so for an asynchronous
                // call on the socket; nothing here makes one), and this loop would spin. The portable loop's
                // receive still blocks then: .NET waits for the descriptor to be readable.
                if (errno == LinuxSocketCalls.WouldBlock)
                {
                    LogNoBatches(logger, "the socket does not block");
                    return false;
                }
                switch (LinuxSocketCalls.Classify(errno))
                {
                    case CallFailure.Transient:
                        continue;
                    case CallFailure.Closed:
                        return true;
                    default:
                        LogNoBatches(logger, $"recvmmsg failed with errno {errno}");
                        return false;
                }
            }
            if (received > _largestBatch)
                _largestBatch = received;
            for (int slot = 0; slot < received; slot++)
            {
                _slot = slot;
                batch.TryGetClient(slot, out var client);
                int length = Answer(batch.Query(slot), batch.ResponseBuffer(slot), client);
                if (length > 0)
                    batch.QueueResponse(slot, length);
                if (_stopping)
                    break; // the answers given so far still go out
            }
            errno = batch.SendQueued(descriptor);
            if (errno != 0)
            {
                if (_stopping || LinuxSocketCalls.Classify(errno) == CallFailure.Closed)
                    return true;
                LogNoBatches(logger, $"sendmmsg failed with errno {errno}");
                return false;
            }
        }
        return true;
    }
}
