using DnsLb.Hosting;
using DnsLb.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DnsLb.Balancing;

/// <summary>
/// Checks every pool and reports every problem together, each named by its setting
/// (<c>Pools:twopir.example.com:Rise = 0: …</c>), so the server refuses to start with a complete list.
/// </summary>
internal sealed class PoolsOptionsValidator(IConfiguration configuration) : IValidateOptions<PoolsOptions>
{
    public ValidateOptionsResult Validate(string? name, PoolsOptions options)
    {
        var failures = new List<string>();
        // The binder silently drops a pool whose values do not convert (Kind=Foo) and ignores misspelt
        // settings; binding each pool again, strictly, turns both into errors that name the setting.
        foreach (var section in configuration.GetSection(PoolOptions.Section).GetChildren())
        {
            try
            {
                section.Get<PoolOptions>(binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{section.Path}: {Describe(e)}");
            }
        }
        foreach (var (poolName, pool) in options)
        {
            string path = $"{PoolOptions.Section}:{poolName}";
            if (!DnsName.TryParse(poolName.TrimEnd('.') + ".", null, out _, out var nameError) || poolName.Length == 0)
                failures.Add($"{path}: '{poolName}' is not a domain name ({nameError})");
            if (pool is null)
            {
                failures.Add($"{path}: the pool has no settings; give at least Probe:Kind and Probe:Port");
                continue;
            }
            failures.AddRange(AnnotatedOptions.Check(pool, path));
            if (!Enum.IsDefined(pool.WhenAllDown))
                failures.Add($"{path}:WhenAllDown = {pool.WhenAllDown}: must be All, None or ServFail");
            failures.AddRange(pool.Probe.Validate($"{path}:Probe"));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(InvalidOperationException e)
    {
        const string unknown = "were not found on the instance of";
        int at = e.Message.IndexOf(unknown, StringComparison.Ordinal);
        if (at >= 0)
            return "unknown setting(s) " + e.Message[(e.Message.IndexOf(':', at) + 2)..] + " (check the spelling)";
        return e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
    }
}
