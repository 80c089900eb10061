using System.Net;
using DnsLb.Status;

namespace DnsLb.Balancing;

/// <summary>
/// Who holds which member out of the answers. Two sources, each with its own hold: the API (per pool and
/// address) and the drain directory (a file named after an address drains it in every pool). A member is
/// drained while either holds it; its <see cref="PoolMember.Drain"/> shows the file's hold first, since
/// only removing the file ends it: an API undrain is refused while the file is there
/// (<see cref="DrainResult.HeldByFile"/>). Holds are kept by pool and address, not by member object, so
/// they survive reloads and settings changes for every node that stays, and a member made anew gets its
/// hold back; a node that leaves its pool loses its API hold (when it comes back, it is answered).
/// Not on the query path: answering reads each member's volatile drain, which this sets under its lock.
/// </summary>
internal sealed class DrainRegistry(PoolCatalog catalog, TimeProvider time) : IDrainControl
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MemberKey, DrainInfo> _api = [];
    private readonly Dictionary<MemberKey, DrainInfo> _file = [];
    private Dictionary<MemberKey, PoolMember> _members = [];
    private Dictionary<IPAddress, string> _files = [];

    /// <summary>Raised after a member's drained state changed (outside the lock), so that its time out of the answers is noted.</summary>
    public event Action? Changed;

    /// <summary>
    /// Makes <paramref name="members"/> the members drains apply to (the members of the plans about to be
    /// served) and gives each its drain: the holds it had, and the file's for a node new to its pool whose
    /// address has a drain file. Holds of nodes no longer members end.
    /// </summary>
    public void Attach(IEnumerable<PoolMember> members)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var next = new Dictionary<MemberKey, PoolMember>();
            foreach (var member in members)
            {
                var key = MemberKey.Of(member.Pool, member.Address);
                next[key] = member;
                if (!_members.ContainsKey(key) && _files.TryGetValue(member.Address, out var file))
                    _file[key] = new DrainInfo(DrainSource.File, now, file);
            }
            _members = next;
            Prune(_api);
            Prune(_file);
            foreach (var (key, member) in _members)
                member.SetDrain(Effective(key));
        }
    }

    /// <summary>
    /// The addresses that have a file in the drain directory, with the file's name as the log and the
    /// status show it: a member that joins a pool later with one of them starts drained.
    /// </summary>
    public void SetDrainFiles(IReadOnlyDictionary<IPAddress, string> files)
    {
        lock (_lock)
            _files = new Dictionary<IPAddress, string>(files);
    }

    /// <summary>Every member drains apply to now, and whether its file holds it.</summary>
    public IReadOnlyList<(string Pool, IPAddress Address, bool HeldByFile)> Members()
    {
        lock (_lock)
            return [.. _members.Select(m => (m.Value.Pool, m.Value.Address, _file.ContainsKey(m.Key)))];
    }

    public DrainResult Drain(string pool, IPAddress address, DrainSource source) => Apply(pool, address, source, drain: true);

    public DrainResult Undrain(string pool, IPAddress address, DrainSource source) => Apply(pool, address, source, drain: false);

    private DrainResult Apply(string pool, IPAddress address, DrainSource source, bool drain)
    {
        var key = MemberKey.Of(pool.TrimEnd('.'), address);
        DrainResult result;
        lock (_lock)
        {
            if (!_members.TryGetValue(key, out var member))
                return catalog.Pools.Any(p => MemberKey.PoolOf(p.Name) == key.Pool) ? DrainResult.UnknownMember : DrainResult.UnknownPool;
            bool before = Effective(key) is not null;
            var holds = source == DrainSource.Api ? _api : _file;
            if (drain)
            {
                string? file = source == DrainSource.File ? _files.GetValueOrDefault(key.Address) : null;
                holds.TryAdd(key, new DrainInfo(source, time.GetUtcNow(), file));
            }
            else
            {
                holds.Remove(key);
            }
            var after = Effective(key);
            member.SetDrain(after);
            result = before == (after is not null) ? DrainResult.Unchanged : DrainResult.Changed;
            if (!drain && source == DrainSource.Api && _file.ContainsKey(key))
                result = DrainResult.HeldByFile;
        }
        if (result == DrainResult.Changed)
            Changed?.Invoke();
        return result;
    }

    private DrainInfo? Effective(MemberKey key) => _file.GetValueOrDefault(key) ?? _api.GetValueOrDefault(key);

    private void Prune(Dictionary<MemberKey, DrainInfo> holds)
    {
        foreach (var key in holds.Keys.Where(k => !_members.ContainsKey(k)).ToList())
            holds.Remove(key);
    }
}
