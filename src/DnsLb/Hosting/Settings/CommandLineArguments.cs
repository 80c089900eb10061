namespace DnsLb.Hosting.Settings;

/// <summary>
/// Sorts the command line into settings and arguments that are not settings. .NET's command-line source
/// skips a bare word or a trailing <c>--Key</c> without a word and throws on <c>-Key=value</c>; here each of
/// those is a problem to report with the others, and only the settings reach the configuration.
/// </summary>
internal static class CommandLineArguments
{
    private const string Form = "settings are written --Section:Key=value, e.g. --Dns:Port=5300";

    public static (List<string> Settings, List<string> Problems) Sort(IReadOnlyList<string> arguments)
    {
        var settings = new List<string>();
        var problems = new List<string>();
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (argument.StartsWith("--", StringComparison.Ordinal) || argument.StartsWith('/'))
            {
                settings.Add(argument);
                if (argument.Contains('='))
                    continue;
                if (i + 1 < arguments.Count)
                    settings.Add(arguments[++i]); // --Key value
                else
                    problems.Add($"invalid argument '{argument}': it has no value; {Form}");
            }
            else if (argument.StartsWith('-'))
            {
                problems.Add($"invalid argument '{argument}': {Form} (two dashes)");
                if (!argument.Contains('=') && i + 1 < arguments.Count)
                    i++;
            }
            else if (argument.Contains('='))
            {
                settings.Add(argument); // Key=value
            }
            else
            {
                problems.Add($"invalid argument '{argument}': {Form}");
            }
        }
        return (settings, problems);
    }
}
