using System.Net;
using DnsLb.Answering;
using DnsLb.Balancing;
using DnsLb.Status;
using HealthProbe.Registry;
using HealthProbe.State;

namespace DnsLb.Tests.Balancing;

/// <summary>
/// Which members are answered, drains and WhenAllDown together: healthy and not drained first; else the
/// healthy drained ones (a drain never leaves the name without a working address); else WhenAllDown, whose
/// fail-open answers the members not drained, or all of them when every member is drained.
/// </summary>
public sealed class PoolAnswerRuleTests
{
    /// <summary>Members from a spec per member: U up, D down, u/d the same drained.</summary>
    private static PoolMember[] Members(string spec) =>
        [.. spec.Select((c, i) =>
        {
            var target = new HealthTarget("pool", IPAddress.Parse($"127.0.0.{i + 1}"));
            target.Publish(NodeHealth.Initial with { State = char.ToUpperInvariant(c) == 'D' ? HealthState.Down : HealthState.Up });
            var member = new PoolMember("pool", target);
            if (char.IsLower(c))
                member.SetDrain(new DrainInfo(DrainSource.Api, DateTimeOffset.UnixEpoch));
            return member;
        })];

    private static (AddressSelection Selection, string Answered) Choose(string spec, WhenAllDown whenAllDown)
    {
        var members = Members(spec);
        var order = new int[members.Length];
        var selection = PoolAnswerRule.Choose(members, whenAllDown, order, out int count);
        return (selection, string.Concat(order[..count].Order().Select(i => i + 1)));
    }

    [Theory]
    [InlineData("UUU", "123")]
    [InlineData("UuU", "13")]       // drained: out while others are up
    [InlineData("uDU", "3")]
    [InlineData("UDD", "1")]
    [InlineData("uDD", "1")]        // the only healthy one is drained: answered all the same
    [InlineData("uuD", "12")]
    [InlineData("DDu", "3")]
    [InlineData("DDD", "123")]      // none healthy: fail open
    [InlineData("DdD", "13")]       // fail open leaves drained members out
    [InlineData("ddd", "123")]      // every member drained and down: all of them
    public void Choose_WhenAllDownAll(string members, string answered) =>
        Assert.Equal((AddressSelection.Records, answered), Choose(members, WhenAllDown.All));

    [Theory]
    [InlineData("DdD", WhenAllDown.None, AddressSelection.NoData)]
    [InlineData("ddd", WhenAllDown.None, AddressSelection.NoData)]
    [InlineData("DDD", WhenAllDown.ServFail, AddressSelection.ServFail)]
    public void Choose_NoneHealthy_FollowsWhenAllDown(string members, WhenAllDown whenAllDown, AddressSelection expected) =>
        Assert.Equal((expected, ""), Choose(members, whenAllDown));

    [Theory]
    [InlineData("uDU", WhenAllDown.None, "3")]
    [InlineData("uDD", WhenAllDown.ServFail, "1")]
    public void Choose_AHealthyMember_IsAnswered_WhateverWhenAllDownSays(string members, WhenAllDown whenAllDown, string answered) =>
        Assert.Equal((AddressSelection.Records, answered), Choose(members, whenAllDown));
}
