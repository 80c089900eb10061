namespace DnsLb.Tests.Status.Metrics;

/// <summary>The strict reader used on /metrics refuses what Prometheus would, so the exposition tests can fail.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Parse_ValidText_ReadsFamiliesLabelsAndEscapes()
    {
        var text = """
            # HELP x_total Things, with a \\ and a\nline.
            # TYPE x_total counter
            x_total{a="q\"uote",b="back\\slash",c="line\nfeed"} 3
            x_total 1 1700000000000
            # TYPE h histogram
            h_bucket{k="v",le="0.5"} 1
            h_bucket{k="v",le="+Inf"} 2
            h_sum{k="v"} 0.75
            h_count{k="v"} 2

            """;
        var families = PrometheusText.Parse(text);
        Assert.Equal("Things, with a \\ and a\nline.", families["x_total"].Help);
        var labels = families["x_total"].Samples[0].Labels;
        Assert.Equal(("q\"uote", "back\\slash", "line\nfeed"), (labels["a"], labels["b"], labels["c"]));
        Assert.Equal(2, PrometheusText.Value(families, "h_count", ("k", "v")));
    }

    [Theory]
    [InlineData("x_total 1\n", "no TYPE")]
    [InlineData("# TYPE x_total counter\nx_total -1\n", "never negative")]
    [InlineData("# TYPE x counter\nx 1\n", "_total")]
    [InlineData("# TYPE x gauge\nx{a=\"\\t\"} 1\n", "not an escape")]
    [InlineData("# TYPE x gauge\nx{a=\"v\"} one\n", "not a number")]
    [InlineData("# TYPE x gauge\nx{9a=\"v\"} 1\n", "not a label name")]
    [InlineData("# TYPE x gauge\nx{a=\"v\",a=\"w\"} 1\n", "twice")]
    [InlineData("# TYPE x gauge\nx{a=\"v\"} 1\nx{a=\"v\"} 2\n", "same series twice")]
    [InlineData("# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a=\"b\"} 1\n", "not one group")]
    [InlineData("# TYPE x gauge\nx{a=\"v} 1\n", "not closed")]
    [InlineData("# TYPE x gauge\nx 1", "line feed")]
    [InlineData("# TYPE x gauge\nx 1\n# HELP x late\n", "after the family's samples")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"0.5\"} 2\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "does not increase")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n", "+Inf")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "_count 3")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n", "no _sum")]
    [InlineData("# TYPE g gauge\ng{le=\"1\"} 2\n", "histogram buckets only")]
    public void Parse_TextPrometheusWouldRefuse_Throws(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => PrometheusText.Parse(text)).Message);
}
