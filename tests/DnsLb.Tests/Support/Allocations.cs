namespace DnsLb.Tests.Support;

/// <summary>
/// Bytes a piece of code allocates on the calling thread. GC.GetAllocatedBytesForCurrentThread can be off
/// by a few bytes to a few kilobytes when another thread's collection lands inside the measurement
/// (dotnet/coreclr#10207), which a busy machine makes likely; so the body is measured a few times and the
/// least is kept. Code that really allocates per call allocates in every attempt and is still caught.
/// </summary>
public static class Allocations
{
    public static long Least(Action body, int attempts = 3)
    {
        long least = long.MaxValue;
        for (int attempt = 0; attempt < attempts && least != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
