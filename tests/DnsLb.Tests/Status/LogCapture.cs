using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DnsLb.Tests.Status;

/// <summary>A logger provider that keeps every line logged, to assert on what an operator would read.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. _lines];

    public IEnumerable<string> Messages(LogLevel atLeast = LogLevel.Trace) => Lines.Where(l => l.Level >= atLeast).Select(l => l.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // nothing held
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._lines.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
