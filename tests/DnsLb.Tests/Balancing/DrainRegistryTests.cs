using System.Net;
using DnsLb.Balancing;
using DnsLb.Status;
using HealthProbe.Registry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Balancing;

/// <summary>
/// The drain state: kept by pool and address (a member made anew gets it back), one hold per source (API,
/// file), shown with the file's first, an API undrain refused while a file holds the member, and the API's
/// hold ending when the node leaves its pool.
/// </summary>
public sealed class DrainRegistryTests : IDisposable
{
    private static readonly IPAddress Node = IPAddress.Parse("127.0.0.12");

    private readonly PoolCatalog _catalog = new(
        Options.Create(new PoolsOptions { ["twopir.example.com"] = new PoolOptions(), ["empty.example.com"] = new PoolOptions() }),
        NullLogger<PoolCatalog>.Instance);

    private readonly DrainRegistry _registry;

    public DrainRegistryTests() => _registry = new DrainRegistry(_catalog, TimeProvider.System);

    private static PoolMember Member(string address = "127.0.0.12") =>
        new("twopir.example.com", new HealthTarget("twopir.example.com", IPAddress.Parse(address)));

    [Fact]
    public void Drain_OfWhatIsNotThere_SaysWhat()
    {
        _registry.Attach([Member()]);
        Assert.Equal(DrainResult.UnknownPool, _registry.Drain("nope.example.com", Node, DrainSource.Api));
        Assert.Equal(DrainResult.UnknownMember, _registry.Drain("empty.example.com", Node, DrainSource.Api));
        Assert.Equal(DrainResult.UnknownMember, _registry.Drain("twopir.example.com", IPAddress.Parse("127.0.0.99"), DrainSource.Api));
    }

    [Fact]
    public void Drain_ByPoolNameInAnyCaseAndAMappedAddress_DrainsTheMember_AndAMemberMadeAnewGetsItBack()
    {
        var member = Member();
        _registry.Attach([member]);
        Assert.Equal(DrainResult.Changed, _registry.Drain("TwoPir.Example.Com.", IPAddress.Parse("::ffff:127.0.0.12"), DrainSource.Api));
        Assert.Equal(DrainSource.Api, member.Drain?.By);

        var anew = Member();
        _registry.Attach([anew]);
        Assert.True(anew.IsDrained);
    }

    [Fact]
    public void Holds_OfApiAndFile_AreEachUndoneBySourceOnly()
    {
        var member = Member();
        _registry.Attach([member]);
        _registry.SetDrainFiles(new Dictionary<IPAddress, string> { [Node] = "drain/127.0.0.12" });
        Assert.Equal(DrainResult.Changed, _registry.Drain("twopir.example.com", Node, DrainSource.File));
        Assert.Equal(DrainResult.Unchanged, _registry.Drain("twopir.example.com", Node, DrainSource.Api));
        Assert.Equal((DrainSource.File, "drain/127.0.0.12"), (member.Drain?.By, member.Drain?.File));

        Assert.Equal(DrainResult.HeldByFile, _registry.Undrain("twopir.example.com", Node, DrainSource.Api));
        Assert.True(member.IsDrained);
        Assert.Equal(DrainResult.Changed, _registry.Undrain("twopir.example.com", Node, DrainSource.File)); // the API's hold went with the refused undrain
        Assert.False(member.IsDrained);
    }

    [Fact]
    public void ApiHold_OutlivesTheFile_AndEndsWhenTheNodeLeavesItsPool()
    {
        var member = Member();
        _registry.Attach([member]);
        Assert.Equal(DrainResult.Changed, _registry.Drain("twopir.example.com", Node, DrainSource.Api));
        Assert.Equal(DrainResult.Unchanged, _registry.Drain("twopir.example.com", Node, DrainSource.File));
        Assert.Equal(DrainResult.Unchanged, _registry.Undrain("twopir.example.com", Node, DrainSource.File));
        Assert.Equal(DrainSource.Api, member.Drain?.By);

        _registry.Attach([Member("127.0.0.11")]);
        var back = Member();
        _registry.Attach([back]);
        Assert.False(back.IsDrained);
    }

    [Fact]
    public void Attach_OfANodeNewToItsPool_WithADrainFile_StartsDrainedByIt()
    {
        _registry.SetDrainFiles(new Dictionary<IPAddress, string> { [Node] = "drain/127.0.0.12" });
        var member = Member();
        _registry.Attach([member]);
        Assert.Equal((DrainSource.File, "drain/127.0.0.12"), (member.Drain?.By, member.Drain?.File));
        Assert.Contains(("twopir.example.com", Node, true), _registry.Members());
    }

    [Fact]
    public void Changed_IsRaisedOnlyWhenTheMemberIsDrainedOrUndrained()
    {
        _registry.Attach([Member()]);
        int raised = 0;
        _registry.Changed += () => raised++;
        _registry.Drain("twopir.example.com", Node, DrainSource.Api);
        _registry.Drain("twopir.example.com", Node, DrainSource.Api);
        _registry.Drain("twopir.example.com", Node, DrainSource.File);
        _registry.Undrain("twopir.example.com", Node, DrainSource.Api);
        Assert.Equal(1, raised);
    }

    public void Dispose() => _catalog.Dispose();
}
