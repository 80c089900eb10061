namespace DnsLb.Check;

/// <summary>
/// What <c>check</c> prints: every problem on a line of its own, <c>where: message</c> (where is
/// <c>file:line</c> whenever there is one), warnings marked <c>warning:</c>, and the count at the end.
/// </summary>
internal sealed class CheckReport(TextWriter output)
{
    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>A line that is already <c>where: message</c>.</summary>
    public void Error(string line)
    {
        Errors++;
        output.WriteLine(line);
    }

    public void Warning(string where, string message)
    {
        Warnings++;
        output.WriteLine($"{where}: warning: {message}");
    }

    /// <summary>Something that is fine, said so that a clean run shows what it looked at.</summary>
    public void Fine(string line) => output.WriteLine(line);

    public void Summary(int zones) =>
        output.WriteLine($"check: {Errors} error(s), {Warnings} warning(s); {zones} zone(s) would be served{(Errors == 0 ? "" : " (fix the errors: DnsLb does not load a file or settings with any)")}");
}
