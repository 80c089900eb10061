using System.Security.Cryptography;
using System.Text;

namespace DnsLb.Status;

/// <summary>
/// The page at <c>/</c>: one self-contained HTML document, composed once from the embedded files in Page/
/// (its CSS and script inlined, so it needs nothing from the internet, nor a second request). The
/// Content-Security-Policy allows exactly that style and that script (by hash) and requests to this origin.
/// </summary>
internal sealed class StatusPage
{
    private const string ResourcePrefix = "DnsLb.Status.Page.";

    public StatusPage()
    {
        string css = Resource("status.css");
        string script = Resource("status.js");
        string html = Resource("status.html")
            .Replace("<style></style>", $"<style>{css}</style>", StringComparison.Ordinal)
            .Replace("<script></script>", $"<script>{script}</script>", StringComparison.Ordinal);
        Html = Encoding.UTF8.GetBytes(html);
        ContentSecurityPolicy =
            $"default-src 'none'; style-src '{Hash(css)}'; script-src '{Hash(script)}'; connect-src 'self'; img-src data:; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public byte[] Html { get; }

    public string ContentSecurityPolicy { get; }

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Resource(string name)
    {
        using var stream = typeof(StatusPage).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"the status page's {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
