using System.Globalization;
using System.Text;

namespace DnsLb.Status.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format, version 0.0.4: per metric family a <c># HELP</c> and a
/// <c># TYPE</c> line, then its samples, <c>name{label="value",…} value</c>, one per line. Label values
/// escape backslash, double quote and newline; HELP text escapes backslash and newline.
/// </summary>
internal sealed class PrometheusWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a family: <paramref name="type"/> is counter, gauge or histogram.</summary>
    public void Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ');
        foreach (char c in help)
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '\n' => _text.Append(@"\n"),
                _ => _text.Append(c),
            };
        }
        _text.Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, long value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        Labels(name, labels);
        _text.Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    public void Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        Labels(name, labels);
        _text.Append(Number(value)).Append('\n');
    }

    /// <summary>
    /// A histogram's samples: cumulative <c>_bucket</c>s with <c>le</c> ending at <c>+Inf</c>, then <c>_sum</c>
    /// and <c>_count</c> (equal to the +Inf bucket).
    /// </summary>
    public void Histogram(string name, HistogramSnapshot histogram, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var withLe = new (string, string)[labels.Length + 1];
        labels.CopyTo(withLe);
        long cumulative = 0;
        for (int i = 0; i < histogram.Counts.Length; i++)
        {
            cumulative += histogram.Counts[i];
            withLe[^1] = ("le", i < histogram.Bounds.Length ? Number(histogram.Bounds[i]) : "+Inf");
            Sample(name + "_bucket", cumulative, withLe);
        }
        Sample(name + "_sum", histogram.SumSeconds, labels);
        Sample(name + "_count", cumulative, labels);
    }

    public override string ToString() => _text.ToString();

    private void Labels(string name, ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                    _text.Append(',');
                _text.Append(labels[i].Name).Append("=\"");
                foreach (char c in labels[i].Value)
                {
                    _ = c switch
                    {
                        '\\' => _text.Append(@"\\"),
                        '"' => _text.Append("\\\""),
                        '\n' => _text.Append(@"\n"),
                        _ => _text.Append(c),
                    };
                }
                _text.Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'); // 1e-05, as Go writes it
}
