using System.Globalization;

namespace DnsLb.Bench;

/// <summary>
/// The command line: <c>--sizes 10000,100000,1000000</c> (records per generated zone), <c>--rounds 5</c>
/// (loads measured per zone, after one warm-up), <c>--compare 200000</c> (the zone measured beside Knot;
/// 0 skips it), <c>--no-knot</c>.
/// </summary>
internal sealed record BenchOptions(int[] Sizes, int Rounds, int Compare, bool Knot)
{
    public static bool TryParse(string[] args, out BenchOptions options, out string usage)
    {
        usage = "usage: DnsLb.Bench [--sizes 10000,100000,1000000] [--rounds 5] [--compare 200000] [--no-knot]";
        options = new BenchOptions([10_000, 100_000, 1_000_000], 5, 200_000, true);
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sizes" when value is not null && TryParseList(value, out var sizes):
                    options = options with { Sizes = sizes };
                    i++;
                    break;
                case "--rounds" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out int rounds) && rounds > 0:
                    options = options with { Rounds = rounds };
                    i++;
                    break;
                case "--compare" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out int compare) && compare >= 0:
                    options = options with { Compare = compare };
                    i++;
                    break;
                case "--no-knot":
                    options = options with { Knot = false };
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static bool TryParseList(string text, out int[] sizes)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        sizes = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], CultureInfo.InvariantCulture, out sizes[k]) || sizes[k] < 10)
                return false;
        }
        return sizes.Length > 0;
    }
}
