using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hone.Tests.Support;

/// <summary>Collects every log entry in memory so that tests can assert on warnings and messages.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> Warnings => [.. _entries.Where(e => e.Level == LogLevel.Warning)];

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

/// <summary>Holds one captured log entry.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
