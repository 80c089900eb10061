using System.Runtime.CompilerServices;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// The CNAME and DNAME RRsets already in one answer, so a loop in zone data ends the chase instead of writing
/// them again. No allocation: an inline array as long as the longest possible chase.
/// </summary>
internal struct AnswerTrail
{
    /// <summary>
    /// Each step of a chase writes one CNAME (at most <see cref="AuthoritativeAnswerer.MaxCnames"/>) and adds at
    /// most one set; a last step may add the DNAME whose substitution is too long (YXDOMAIN).
    /// </summary>
    public const int Capacity = AuthoritativeAnswerer.MaxCnames + 1;

    private Sets _sets;
    private int _count;

    public readonly bool Contains(RRSet set)
    {
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_sets[i], set))
                return true;
        }
        return false;
    }

    public void Add(RRSet set) => _sets[_count++] = set;

    [InlineArray(Capacity)]
    private struct Sets
    {
        private RRSet _element;
    }
}
