using System.Runtime.CompilerServices;
using DnsLb.Transport;

namespace DnsLb.Tests.Transport;

/// <summary>
/// The structures recvmmsg and sendmmsg read must have the C library's layout (a field off by four bytes
/// would have the kernel write an address length into a pointer), and failed calls must be sorted as the
/// receive loop expects.
/// </summary>
public sealed class LinuxSocketCallsTests
{
    [Fact]
    public void MessageHeaders_HaveTheLayoutOfTheCLibrary()
    {
        // glibc, LP64 (x86-64, arm64): iovec 16, msghdr 56, mmsghdr 64; ILP32 (armhf): 8, 28, 32.
        bool wide = IntPtr.Size == 8;
        Assert.Equal(wide ? 16 : 8, Unsafe.SizeOf<IoVector>());
        Assert.Equal(wide ? 56 : 28, Unsafe.SizeOf<MessageHeader>());
        Assert.Equal(wide ? 64 : 32, Unsafe.SizeOf<MultiMessageHeader>());
        var header = default(MultiMessageHeader);
        Assert.Equal(wide ? 16 : 8, ByteOffset(ref header, ref header.Header.Vectors));
        Assert.Equal(wide ? 48 : 24, ByteOffset(ref header, ref header.Header.Flags));
        Assert.Equal(wide ? 56 : 28, ByteOffset(ref header, ref header.Length));
    }

    [Theory]
    [InlineData(4, "Transient")]    // EINTR
    [InlineData(11, "Transient")]   // EAGAIN
    [InlineData(111, "Transient")]  // ECONNREFUSED
    [InlineData(105, "Transient")]  // ENOBUFS
    [InlineData(9, "Closed")]       // EBADF
    [InlineData(38, "Unsupported")] // ENOSYS: an old kernel
    [InlineData(1, "Unsupported")]  // EPERM: a sandbox that filters the call
    [InlineData(22, "Unsupported")] // EINVAL
    public void Classify_SortsErrnoAsTheLoopNeedsIt(int errno, string expected) =>
        Assert.Equal(expected, LinuxSocketCalls.Classify(errno).ToString());

    private static long ByteOffset<T>(ref MultiMessageHeader origin, ref T field) =>
        Unsafe.ByteOffset(ref Unsafe.As<MultiMessageHeader, byte>(ref origin), ref Unsafe.As<T, byte>(ref field));
}
