using System.CommandLine;
using Hone.Storages;
using Hone.Storages.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace Hone.Cli;

/// <summary>What a command's action works with: its parse result, the storage it names, where to print, and the
/// token that Ctrl+C cancels.</summary>
internal sealed class CliContext : IDisposable
{
    private TrialStorage? _storage;
    private ILoggerFactory? _loggers;

    public CliContext(ParseResult parse, CancellationToken cancellation)
    {
        Parse = parse;
        Cancellation = cancellation;
        Out = CreateConsole();
    }

    public ParseResult Parse { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Gets the console that results go to (standard output).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Gets the writer that messages for people go to (standard error), so that results stay clean.
    /// </summary>
    public static TextWriter Messages => Console.Error;

    /// <summary>Gets the value of an option or argument.</summary>
    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    /// <summary>Gets the storage URL from <c>--storage</c> or the <c>HONE_STORAGE</c> environment variable.</summary>
    public string StorageUrl
    {
        get
        {
            string? url = Parse.GetValue(GlobalOptions.Storage);
            if (string.IsNullOrWhiteSpace(url))
            {
                url = Environment.GetEnvironmentVariable(GlobalOptions.StorageVariable);
            }

            return string.IsNullOrWhiteSpace(url)
                ? throw new CliException(
                    $"No storage given: pass --storage URL (for example --storage sqlite:///hone.db) or set "
                    + $"{GlobalOptions.StorageVariable}.")
                : url.Trim();
        }
    }

    /// <summary>Opens the storage once; commands that only read refuse a database file that does not exist, so
    /// that a mistyped path is not silently created empty.</summary>
    public TrialStorage Storage(bool mayCreate = false) => _storage ??= Open(StorageUrl, mayCreate);

    /// <summary>Returns a URL with its password replaced by ***, for messages.</summary>
    public static string Redacted(string url)
    {
        int start = url.IndexOf("://", StringComparison.Ordinal);
        int at = start < 0 ? -1 : url.IndexOf('@', start + 3);
        int colon = at < 0 ? -1 : url.IndexOf(':', start + 3);
        return colon < 0 || colon > at ? url : url[..(colon + 1)] + "***" + url[at..];
    }

    /// <summary>Opens a storage URL, saying which storage and which file when it cannot.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="mayCreate">Whether a missing SQLite or journal file may be created.</param>
    /// <param name="role">Which storage this is, for messages: "the storage (--storage)", "the target (--to)".
    /// </param>
    public static TrialStorage Open(string url, bool mayCreate, string role = "the storage")
    {
        if (!url.Contains("://", StringComparison.Ordinal))
        {
            string example = Path.IsPathRooted(url) ? "sqlite:///" + url : "sqlite:///" + url.TrimStart('.', '/');
            throw new CliException(
                $"'{url}' is not a storage URL: it needs a scheme, such as {example} for an SQLite file (three "
                + "slashes and a relative path, or four for an absolute one), postgresql://…, mysql://… or "
                + "journal:///abs/path.log.");
        }

        if (!mayCreate)
        {
            RequireExisting(url);
        }

        try
        {
            return Storages.StorageUrl.Open(url, [new SqlStorageProvider(new RelationalStorageOptions
            {
                LoggerFactory = NullLoggerFactory.Instance,
            })]);
        }
        catch (StorageFormatException e) when (e.Message.Contains("UpgradeSchema", StringComparison.Ordinal))
        {
            throw new CliException($"{CommandAction.Message(e)} From the command line: hone storage upgrade "
                + $"--storage {Redacted(url)}", e);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot open {role}, {Redacted(url)}: {CommandAction.Message(e)}", e);
        }
    }

    /// <summary>Throws when a URL names a local file (SQLite, journal) that does not exist.</summary>
    public static void RequireExisting(string url)
    {
        if (LocalFile(url) is { } path && !File.Exists(path))
        {
            throw new CliException(
                $"There is no storage file at {path} (from {url}); check the path, or create a study there first "
                + "with 'hone create-study'.");
        }
    }

    /// <summary>Loads a study of the storage, with the pruner chosen when it was created, and its sampler when the
    /// command samples (only ask does: a seeded sampler reads how many trials the study holds).</summary>
    public Study LoadStudy(string name, bool sampling = false, bool mayCreateStorage = false)
    {
        var storage = Storage(mayCreateStorage);
        if (storage.FindStudyId(name) is null)
        {
            throw new CliException(NoStudy(name, storage));
        }

        var settings = StudySettings.Read(storage, name);
        return Hone.Study.Load(new StudyOptions
        {
            Name = name,
            Storage = storage,
            LoggerFactory = Loggers,
            Sampler = sampling ? settings.CreateSampler(storage, name) : null,
            Pruner = settings.CreatePruner(),
        });
    }

    /// <summary>Says that a study is missing, and which ones exist.</summary>
    public static string NoStudy(string name, TrialStorage storage)
    {
        var names = storage.GetAllStudies().Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        string known = names.Count switch
        {
            0 => "the storage holds no study yet",
            <= 10 => "the storage holds " + string.Join(", ", names.Select(n => $"'{n}'")),
            _ => $"the storage holds {names.Count} studies; 'hone study-names' lists them",
        };
        return $"There is no study named '{name}': {known}.";
    }

    /// <summary>Gets the loggers of the studies a command loads: the library's warnings, one line each, on standard
    /// error. Information (each finished trial) is left out: a command's own output says what it did.</summary>
    public ILoggerFactory Loggers => _loggers ??= LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = false;
            console.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

    public void Dispose()
    {
        _storage?.Dispose();
        // Flushes the console logger's queue before the process ends.
        _loggers?.Dispose();
    }

    // The path of a SQLite or journal URL, which the storages create when missing; null for servers.
    private static string? LocalFile(string url)
    {
        string? rest = url.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase) ? url["sqlite:///".Length..]
            : url.StartsWith("journal://", StringComparison.OrdinalIgnoreCase) ? url["journal://".Length..]
            : null;
        if (rest is null)
        {
            return null;
        }

        int question = rest.IndexOf('?', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(question < 0 ? rest : rest[..question]);
        return path.Length == 0 || path == ":memory:" ? null : Path.GetFullPath(path);
    }

    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (Console.IsOutputRedirected)
        {
            // A file or a pipe has no width: tables keep their columns whole instead of wrapping at 80.
            console.Profile.Width = 240;
        }

        return console;
    }
}
