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
    /// A chase takes at most <see cref="AuthoritativeAnswerer.MaxCnames"/> steps that write (each writes one CNAME,
    /// the last may end in YXDOMAIN instead), and each step adds at most one set.
    /// </summary>
    public const int Capacity = AuthoritativeAnswerer.MaxCnames;

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
