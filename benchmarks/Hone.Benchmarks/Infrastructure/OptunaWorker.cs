using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Drives the Optuna side of a benchmark: a script under <c>benchmarks/optuna</c>, in its own process,
/// spoken to one JSON line at a time so that its runs can alternate with Hone's.</summary>
/// <remarks>
/// The script warms up, announces itself with <c>{"event": "ready", "python": …, "optuna": …}</c>, then answers one
/// line per request until it gets <c>{"op": "exit"}</c>, to which it answers with its peak memory. Its stderr goes
/// straight to the console. It exits with <see cref="ImportFailedExitCode"/> when the interpreter cannot import
/// Optuna, which is reported as "not installed" rather than as a failure.
/// </remarks>
internal sealed class OptunaWorker : IDisposable
{
    /// <summary>The interpreter that Debian's <c>python3-optuna</c> package installs Optuna for.</summary>
    public const string SystemPython = "/usr/bin/python3";

    /// <summary>The exit code of a script that cannot import Optuna.</summary>
    public const int ImportFailedExitCode = 3;

    private readonly Process? _process;
    private readonly string _script;
    private bool _ready;

    private OptunaWorker(Process? process, string script, string? problem, bool isFailure)
    {
        _process = process;
        _script = script;
        Problem = problem;
        IsFailure = isFailure;
    }

    /// <summary>Gets why Optuna is not measured, or <see langword="null"/> while it is.</summary>
    public string? Problem { get; private set; }

    /// <summary>Gets whether <see cref="Problem"/> is an error (the script broke) rather than a missing install or
    /// a choice of the user.</summary>
    public bool IsFailure { get; private set; }

    /// <summary>Gets whether requests can be sent.</summary>
    public bool IsAvailable => Problem is null;

    /// <summary>Gets the versions the script announced, such as "Optuna 3.1.0 (Python 3.11.2)".</summary>
    public string Framework { get; private set; } = "Optuna";

    /// <summary>Returns a worker that measures nothing, for <c>--no-optuna</c>.</summary>
    public static OptunaWorker Skipped() => new(null, "", "skipped with --no-optuna.", false);

    /// <summary>Starts a script; it warms up while the caller does the same for Hone.</summary>
    /// <param name="python">The interpreter.</param>
    /// <param name="script">The script's file name under <c>optuna/</c> next to the program.</param>
    /// <param name="arguments">The script's arguments.</param>
    public static OptunaWorker Start(string python, string script, IEnumerable<string> arguments)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "optuna", script);
        if (!File.Exists(path))
        {
            return new(null, script, $"the Optuna script {path} is missing; rebuild Hone.Benchmarks.", true);
        }

        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(path);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) is { } process
                ? new(process, script, null, false)
                : new(null, script, $"{python} did not start.", true);
        }
        catch (Win32Exception e)
        {
            return new(null, script,
                $"{python} cannot be started ({e.Message}); install python3 and python3-optuna, or pass --python.",
                false);
        }
    }

    /// <summary>Waits for the script's warm-up to end; afterwards <see cref="IsAvailable"/> tells whether it runs.
    /// </summary>
    public void WaitUntilReady()
    {
        if (_ready || !IsAvailable)
        {
            return;
        }

        if (ReadLine() is not { } ready)
        {
            return;
        }

        _ready = true;
        string? optuna = ready.GetProperty("optuna").GetString();
        string? python = ready.GetProperty("python").GetString();
        Framework = $"Optuna {optuna} (Python {python})";
    }

    /// <summary>Sends a request and returns the answer.</summary>
    /// <param name="request">The request, serialized as one JSON object.</param>
    /// <returns>The answer, or <see langword="null"/> when the script has stopped (see <see cref="Problem"/>).
    /// </returns>
    public JsonElement? Request(IReadOnlyDictionary<string, object> request)
    {
        WaitUntilReady();
        if (!IsAvailable)
        {
            return null;
        }

        _process!.StandardInput.WriteLine(JsonSerializer.Serialize(request));
        _process.StandardInput.Flush();
        return ReadLine();
    }

    /// <summary>Asks the script to end and returns its peak memory in bytes, when it reports one.</summary>
    public long? Finish()
    {
        var answer = Request(new Dictionary<string, object> { ["op"] = "exit" });
        _process?.WaitForExit();
        return answer?.GetProperty("peak_memory_bytes").GetInt64();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private JsonElement? ReadLine()
    {
        string? line = _process!.StandardOutput.ReadLine();
        if (line is null)
        {
            _process.WaitForExit();
            (Problem, IsFailure) = _process.ExitCode == ImportFailedExitCode
                ? ($"Optuna is not installed for {_process.StartInfo.FileName} (install the Debian package "
                    + "python3-optuna).", false)
                : (string.Create(CultureInfo.InvariantCulture,
                    $"{_script} stopped with exit code {_process.ExitCode}; its error output is above."), true);
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            (Problem, IsFailure) = ($"{_script} printed a line that is not JSON ({e.Message}): {line}", true);
            return null;
        }
    }
}
