using System.Runtime.CompilerServices;

namespace DnsLb.Zones;

/// <summary>
/// The shape of the name tree: the empty non-terminals every owner implies, and which names lie below a
/// zone cut. Each name's ancestors are walked once, up to the first one already known, so the work is
/// linear in the number of names, whatever the number of delegations. Compiled optimized at once, as
/// <see cref="Parsing.ZoneFileParser"/> explains.
/// </summary>
internal sealed partial class ZoneBuilder
{
    private const int Unresolved = int.MinValue;

    // Per name: the topmost zone cut strictly above it, -1 when none, Unresolved until walked.
    private readonly List<int> _cutAbove = [];

    /// <summary>
    /// RFC 4592 §2.2.2: every name between an owner and the apex exists (an empty non-terminal), so it is
    /// added as a node without data; on the way, each name learns the cut above it, if any.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddEmptyNonTerminals(int owners, int apexIndex)
    {
        for (int name = 0; name < owners; name++)
            _cutAbove.Add(name == apexIndex ? -1 : Unresolved);

        var chain = new List<int>();
        for (int owner = 0; owner < owners; owner++)
        {
            if (_cutAbove[owner] != Unresolved || _nodes[owner] is null)
                continue;
            chain.Clear();
            chain.Add(owner);
            int known = WalkUp(owner, apexIndex, chain);
            int above = known < 0 ? -1 : _cutAbove[known] >= 0 ? _cutAbove[known] : IsCut(known) ? known : -1;
            for (int k = chain.Count - 1; k >= 0; k--)
            {
                _cutAbove[chain[k]] = above;
                if (above < 0 && IsCut(chain[k]))
                    above = chain[k];
            }
        }
    }

    /// <summary>
    /// Collects the owner's unwalked ancestors below the apex into <paramref name="chain"/> (nearest first),
    /// adding the missing ones as empty nodes; returns the first walked ancestor (the apex at the latest).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WalkUp(int owner, int apexIndex, List<int> chain)
    {
        var key = _names.Key(owner);
        int offset = 0;
        while (true)
        {
            offset += key[offset] + 1;
            if (key.Length - offset == _apexKey.Length)
                return apexIndex;
            if (_names.TryFind(key.AsSpan(offset), out int ancestor))
            {
                if (_cutAbove[ancestor] != Unresolved)
                    return ancestor;
            }
            else
            {
                ancestor = _names.Add(_names.Name(owner).Wire[offset..], key.AsSpan(offset));
                _nodes.Add(new ZoneNode(_names.Name(ancestor), [], isApex: false));
                _cutAbove.Add(Unresolved);
            }
            chain.Add(ancestor);
        }
    }

    private bool IsCut(int name) => _nodes[name]?.Delegation is not null;
}
