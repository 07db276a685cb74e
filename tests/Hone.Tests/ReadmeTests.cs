using System.Text.RegularExpressions;

namespace Hone.Tests;

public sealed partial class ReadmeTests
{
    [Fact]
    public void Quickstart_IsTheCompiledSample()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string sample = File.ReadAllText(Path.Combine(root, "samples", "Hone.Samples.Quickstart", "Program.cs"));

        var block = CSharpBlock().Match(readme);

        Assert.True(block.Success, "README.md has no ```csharp block.");
        Assert.Equal(sample.ReplaceLineEndings("\n"), block.Groups[1].Value.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Readme_OpensWithTheTwoCommands()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        string firstBlock = readme[(readme.IndexOf("```bash", StringComparison.Ordinal) + 7)..];
        firstBlock = firstBlock[..firstBlock.IndexOf("```", StringComparison.Ordinal)];

        Assert.Contains(
            "dotnet run -c Release --project samples/Hone.Samples.Digits", firstBlock, StringComparison.Ordinal);
        Assert.Contains("./test.sh", firstBlock, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hone.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Hone.slnx not found above the tests.");
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
