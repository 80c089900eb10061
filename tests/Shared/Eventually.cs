namespace TestSupport;

/// <summary>
/// Waits for a condition with a generous bound instead of sleeping a fixed time (machines are noisy).
/// Shared by every test project (linked in by each .csproj).
/// </summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}");
            await Task.Delay(25);
        }
    }
}
