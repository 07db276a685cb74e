using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Hone.Benchmarks.Storage;

/// <summary>Starts this program again as a worker (the hidden <c>storage-worker</c> command) and speaks to it one
/// JSON line at a time; its error output goes straight to the console.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process)
    {
        _process = process;
        Started = Stopwatch.GetTimestamp();
    }

    /// <summary>Gets when the process was started, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long Started { get; }

    /// <summary>Starts a worker with the arguments after <c>storage-worker</c>.</summary>
    public static WorkerProcess Start(IEnumerable<string> arguments)
    {
        // Run as `dotnet Hone.Benchmarks.dll` the process is the dotnet host, which needs the program's path.
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(StorageWorkerCommand.CommandName);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new WorkerProcess(Process.Start(start)
            ?? throw new InvalidOperationException($"{host} did not start."));
    }

    /// <summary>Reads the worker's next line.</summary>
    /// <exception cref="InvalidOperationException">The worker ended without one, or wrote something else.
    /// </exception>
    public JsonElement Read()
    {
        string? line = _process.StandardOutput.ReadLine();
        if (line is null)
        {
            _process.WaitForExit();
            throw new InvalidOperationException(
                $"A storage worker stopped with exit code {_process.ExitCode}; its error output is above.");
        }

        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    /// <summary>Sends the worker a line.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for the worker to exit and returns the seconds since it was started.</summary>
    public double WaitForExit()
    {
        _process.WaitForExit();
        return Stopwatch.GetElapsedTime(Started).TotalSeconds;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
