using DnsLb.Status;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// safeToStop on a running DnsLb with a 1 s TTL: it turns true once the TTL plus a second has passed since
/// the member left the answers (drained, or down), never before, and only while another member is up. Every
/// status read is checked against the rule with the server's own clock; nothing waits a fixed time.
/// </summary>
public sealed class SafeToStopTests
{
    private const string A = "127.0.0.11";
    private const string B = "127.0.0.12";

    private static readonly string TwoNodes = LiveServer.Zone.Replace("twopir 1 IN A 127.0.0.13\n", "", StringComparison.Ordinal);

    /// <summary>Reads the status until <paramref name="address"/> is safe to stop, checking every read against the rule.</summary>
    private static async Task<(StatusDocument Status, MemberStatus Member)> WaitUntilSafeAsync(LiveServer live, string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await live.StatusAsync();
            var pool = status.Pools.Single();
            var member = pool.Members.Single(m => m.Address == address);
            AssertRule(status, member);
            if (member.SafeToStop)
                return (status, member);
            Assert.True(DateTime.UtcNow < deadline, $"{address} not safe to stop within 30 s: {member}");
            await Task.Delay(50);
        }
    }

    /// <summary>Safe means: out of the answers for the TTL plus a second (read before the document's time), and another member up and not drained.</summary>
    private static void AssertRule(StatusDocument status, MemberStatus member)
    {
        if (!member.SafeToStop)
            return;
        var pool = status.Pools.Single();
        Assert.NotNull(member.OutOfAnswersSince);
        Assert.True(status.At >= member.OutOfAnswersSince.Value.AddSeconds(pool.TtlSeconds + 1), $"safe at {status.At:O}, out since {member.OutOfAnswersSince:O}");
        Assert.Contains(pool.Members, o => o.Address != member.Address && o.State == MemberState.Up && !o.Drained);
    }

    [Fact]
    public async Task SafeToStop_AfterTheTtl_OnlyWhileAnotherMemberIsUp()
    {
        await using var live = await LiveServer.StartAsync(zone: TwoNodes, members: [A, B]);
        await live.WaitAllUpAsync();
        var beforeDrain = DateTimeOffset.UtcNow;
        await live.PostAsync(A, "drain");
        var (_, safe) = await WaitUntilSafeAsync(live, A);
        Assert.True(safe.OutOfAnswersSince >= beforeDrain.AddMilliseconds(-5));
        Assert.Equal([B], live.Answered());

        // The only other member goes down: the drained one is answered again (a drain never leaves the name
        // without a working address), so it is no longer safe to stop, nor out of the answers.
        live.Backends[B].Stop();
        await live.WaitForStateAsync(B, MemberState.Down);
        var answered = await live.WaitForMemberAsync(A, m => m.OutOfAnswersSince is null, "answered again");
        Assert.False(answered.SafeToStop);
        Assert.Equal([A], live.Answered());

        // It comes back: the drained member leaves the answers anew, and the TTL counts from then.
        live.Backends[B].Start();
        var left = await live.WaitForMemberAsync(A, m => m.OutOfAnswersSince is not null, "out of the answers again");
        Assert.True(left.OutOfAnswersSince > safe.OutOfAnswersSince);
        var (_, again) = await WaitUntilSafeAsync(live, A);
        Assert.Equal(left.OutOfAnswersSince, again.OutOfAnswersSince);
        Assert.Equal([B], live.Answered());
    }

    [Fact]
    public async Task SafeToStop_OfAMemberThatWentDown_WhileAnotherIsUp()
    {
        await using var live = await LiveServer.StartAsync(zone: TwoNodes, members: [A, B]);
        await live.WaitAllUpAsync();
        live.Backends[B].Stop();
        var down = await live.WaitForStateAsync(B, MemberState.Down);
        Assert.NotNull(down.OutOfAnswersSince);
        var (_, safe) = await WaitUntilSafeAsync(live, B);
        Assert.False(safe.Drained);

        // With A drained too, B has no other member up: not safe (and A is answered, the only one healthy).
        await live.PostAsync(A, "drain");
        var unsafeNow = await live.MemberAsync(B);
        Assert.False(unsafeNow.SafeToStop);
        Assert.Equal([A], live.Answered());
    }
}
