using System.Diagnostics;
using System.Text;

namespace Hone.Cli.Tests.Support;

/// <summary>What one run of the <c>hone</c> command printed and returned.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors)
{
    /// <summary>Checks that the run succeeded, showing what it printed when it did not.</summary>
    public ToolResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"hone exited with {ExitCode}.\nstdout:\n{Output}\nstderr:\n{Errors}");
        return this;
    }

    /// <summary>Checks that the run failed with the given exit code and one line of error, without a stack trace.
    /// </summary>
    public string FailedWith(int exitCode)
    {
        Assert.True(ExitCode == exitCode,
            $"hone exited with {ExitCode}, not {exitCode}.\nstdout:\n{Output}\nstderr:\n{Errors}");
        Assert.DoesNotContain("   at ", Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", Errors, StringComparison.Ordinal);
        return Errors;
    }
}

/// <summary>Runs the built <c>hone</c> command (Hone.Cli, copied beside the tests) as a separate process.</summary>
internal static class HoneTool
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Gets the path of the command's assembly.</summary>
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "Hone.Cli.dll");

    /// <summary>Runs <c>hone</c> with the given arguments and no HONE_STORAGE.</summary>
    public static ToolResult RunWithoutStorage(params string[] arguments) => Run(null, null, arguments);

    /// <summary>Runs <c>hone</c> with a storage in HONE_STORAGE and text on standard input.</summary>
    public static ToolResult Run(string? storage, string? input, params string[] arguments)
    {
        using var process = Start(storage, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        Assert.True(process.WaitForExit(Patience), $"hone {string.Join(' ', arguments)} did not exit in time.");
        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>Starts <c>hone</c> and leaves it running; the caller reads its output and waits for it.</summary>
    public static Process Start(string? storage, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Assembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("HONE_STORAGE");
        if (storage is not null)
        {
            start.Environment["HONE_STORAGE"] = storage;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("hone did not start.");
    }

    /// <summary>Gets the dotnet host that runs the tests, to run the command with.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? host
            : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
                ? path
                : "dotnet";
}
