using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DnsLb.Tests.Status.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, to check what /metrics writes: every
/// family has one TYPE (and at most one HELP) before its samples, a family's samples form one group, names
/// and label names are valid, label values use only the three escapes, values are floats, no series twice,
/// counters are named *_total and never negative, and every histogram has cumulative _bucket lines with
/// increasing le ending at +Inf, a _sum, and a _count equal to its +Inf bucket. Throws
/// <see cref="FormatException"/> naming the line on the first thing wrong.
/// </summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Family(string Name, string Type, string? Help, List<Sample> Samples);

    public static Dictionary<string, Family> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
            throw new FormatException("the text must end with a line feed");
        if (text.Contains('\r'))
            throw new FormatException("lines end with \\n alone");
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        Family? current = null;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length - 1; i++)
        {
            string line = lines[i];
            string where = $"line {i + 1} '{line}'";
            if (line.Length == 0)
                continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE"))
                    continue; // a plain comment
                string name = parts[2];
                if (!MetricName().IsMatch(name))
                    throw new FormatException($"{where}: '{name}' is not a metric name");
                var family = families.GetValueOrDefault(name);
                if (family is not null && family.Samples.Count > 0)
                    throw new FormatException($"{where}: {parts[1]} after the family's samples");
                if (parts[1] == "HELP")
                {
                    string help = Unescape(parts.Length > 3 ? parts[3] : "", allowQuote: false, where);
                    if (family?.Help is not null)
                        throw new FormatException($"{where}: a second HELP");
                    family = family is null ? new Family(name, "untyped", help, []) : family with { Help = help };
                    families[name] = family;
                }
                else
                {
                    string type = parts.Length > 3 ? parts[3] : "";
                    if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                        throw new FormatException($"{where}: '{type}' is not a metric type");
                    if (family is not null && family.Type != "untyped")
                        throw new FormatException($"{where}: a second TYPE");
                    families[name] = (family ?? new Family(name, type, null, [])) with { Type = type };
                }
                continue;
            }

            var sample = ReadSample(line, where);
            var owner = FamilyOf(sample.Name, families)
                ?? throw new FormatException($"{where}: no TYPE was given for {sample.Name}");
            if (!series.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}"))
                throw new FormatException($"{where}: the same series twice");
            if (!ReferenceEquals(owner, current))
            {
                if (current is not null)
                    finished.Add(current.Name);
                if (finished.Contains(owner.Name))
                    throw new FormatException($"{where}: the samples of {owner.Name} are not one group");
                current = owner;
            }
            if (owner.Type == "counter" && (!owner.Name.EndsWith("_total", StringComparison.Ordinal) || !(sample.Value >= 0)))
                throw new FormatException($"{where}: a counter is named *_total and is never negative or NaN");
            if (sample.Labels.ContainsKey("le") && !(owner.Type == "histogram" && sample.Name.EndsWith("_bucket", StringComparison.Ordinal)))
                throw new FormatException($"{where}: 'le' belongs to histogram buckets only");
            owner.Samples.Add(sample);
        }
        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
            CheckHistogram(family);
        return families;
    }

    /// <summary>The value of one series, or null when it is not there.</summary>
    public static double? Value(Dictionary<string, Family> families, string name, params (string Name, string Value)[] labels)
    {
        foreach (var family in families.Values)
        {
            foreach (var sample in family.Samples)
            {
                if (sample.Name == name && sample.Labels.Count == labels.Length && labels.All(l => sample.Labels.GetValueOrDefault(l.Name) == l.Value))
                    return sample.Value;
            }
        }
        return null;
    }

    private static Family? FamilyOf(string sample, Dictionary<string, Family> families)
    {
        if (families.TryGetValue(sample, out var family) && family.Type != "histogram")
            return family;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sample[..^suffix.Length], out var histogram) && histogram.Type == "histogram")
                return histogram;
        }
        return null;
    }

    private static void CheckHistogram(Family family)
    {
        foreach (var group in family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))))
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le")))
                throw new FormatException($"{family.Name}{{{group.Key}}}: buckets need le");
            double previousLe = double.NegativeInfinity;
            double previousCount = 0;
            foreach (var bucket in buckets)
            {
                double le = ParseFloat(bucket.Labels["le"], family.Name);
                if (!(le > previousLe))
                    throw new FormatException($"{family.Name}{{{group.Key}}}: le {bucket.Labels["le"]} does not increase");
                if (bucket.Value < previousCount)
                    throw new FormatException($"{family.Name}{{{group.Key}}}: bucket le={bucket.Labels["le"]} is not cumulative");
                (previousLe, previousCount) = (le, bucket.Value);
            }
            if (buckets[^1].Labels["le"] != "+Inf")
                throw new FormatException($"{family.Name}{{{group.Key}}}: the last bucket is not le=\"+Inf\"");
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count")
                ?? throw new FormatException($"{family.Name}{{{group.Key}}}: no _count");
            if (group.SingleOrDefault(s => s.Name == family.Name + "_sum") is null)
                throw new FormatException($"{family.Name}{{{group.Key}}}: no _sum");
            if (count.Value != previousCount)
                throw new FormatException($"{family.Name}{{{group.Key}}}: _count {count.Value} is not the +Inf bucket's {previousCount}");
        }
    }

    private static Sample ReadSample(string line, string where)
    {
        int i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
            i++;
        string name = line[..i];
        if (!MetricName().IsMatch(name))
            throw new FormatException($"{where}: '{name}' is not a metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                int start = i;
                while (i < line.Length && line[i] != '=')
                    i++;
                string label = line[start..i];
                if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
                    throw new FormatException($"{where}: '{label}' is not a label name");
                if (i + 1 >= line.Length || line[i + 1] != '"')
                    throw new FormatException($"{where}: a label value is quoted");
                i += 2;
                int valueStart = i;
                while (i < line.Length && line[i] != '"')
                    i += line[i] == '\\' ? 2 : 1; // an escaped quote does not close the value
                if (i >= line.Length)
                    throw new FormatException($"{where}: a label value is not closed");
                string raw = line[valueStart..i];
                if (!labels.TryAdd(label, Unescape(raw, allowQuote: true, where)))
                    throw new FormatException($"{where}: label {label} twice");
                i++; // closing quote
                if (i >= line.Length)
                    throw new FormatException($"{where}: the labels are not closed");
                if (line[i] == ',')
                    i++;
                else if (line[i] != '}')
                    throw new FormatException($"{where}: labels are separated by commas");
            }
            if (i >= line.Length)
                throw new FormatException($"{where}: the labels are not closed");
            i++;
        }
        if (i >= line.Length || line[i] != ' ')
            throw new FormatException($"{where}: a blank comes before the value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2 || (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"{where}: expected a value and an optional timestamp");
        return new Sample(name, labels, ParseFloat(rest[0], where));
    }

    /// <summary>Undoes the escapes of HELP text (\\, \n) or label values (also \"); any other backslash is an error.</summary>
    private static string Unescape(string text, bool allowQuote, string where)
    {
        var result = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
                throw new FormatException($"{where}: a raw line feed");
            if (c != '\\')
            {
                result.Append(c);
                continue;
            }
            if (++i >= text.Length)
                throw new FormatException($"{where}: a backslash at the end");
            result.Append(text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                _ => throw new FormatException($"{where}: '\\{text[i]}' is not an escape"),
            });
        }
        return result.ToString();
    }

    private static double ParseFloat(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when FloatText().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"{where}: '{text}' is not a number"),
    };

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex FloatText();
}
