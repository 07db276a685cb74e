using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hone.Tests.Support;

/// <summary>Runs Hone.Tests.Worker (copied beside the tests) as a separate process and reads its output by line.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets every line the worker printed so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static WorkerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hone.Tests.Worker.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                worker._output.Enqueue(line);
                worker._lines.Add(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                worker._errors.Enqueue(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker prints a line that matches.</summary>
    public void WaitFor(Func<string, bool> match)
    {
        while (_lines.TryTake(out string? line, Patience))
        {
            if (match(line))
            {
                return;
            }
        }

        Assert.Fail($"The worker printed no expected line within {Patience}; its errors: {Errors()}");
    }

    /// <summary>Lets a worker that printed "ready" start.</summary>
    public void Release() => _process.StandardInput.WriteLine("go");

    /// <summary>Waits for the worker to exit and checks that it succeeded.</summary>
    public void WaitForSuccess()
    {
        Assert.True(_process.WaitForExit(Patience), "The worker did not exit in time.");
        _process.WaitForExit();
        Assert.True(_process.ExitCode == 0, $"The worker exited with {_process.ExitCode}: {Errors()}");
    }

    /// <summary>Kills the worker at once (SIGKILL on Unix) and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private string Errors() => string.Join(Environment.NewLine, _errors);

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? host
            : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
                ? path
                : "dotnet";
}
