using ApiBuilder.Cli.Output;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>What one in-process run of apiserver-boot did.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs apiserver-boot in-process with a captured console, in a given folder.</summary>
internal static class CliRun
{
    /// <summary>The runtime version of the fake package <see cref="FakePackages"/> provides.</summary>
    public const string RuntimeVersion = "9.8.7-test";

    public static Task<CliResult> InAsync(string workingDirectory, params string[] args) => WithAsync(workingDirectory, FakePackages.Directory, null, args);

    public static async Task<CliResult> WithAsync(string workingDirectory, string packages, Func<string, string?>? findProgram, params string[] args)
    {
        var console = new BufferConsole();
        var context = new CommandContext(console, workingDirectory, packages);
        if (findProgram is not null)
        {
            context = context with { FindProgram = findProgram };
        }

        var exit = await CliApp.RunAsync(args, context, CancellationToken.None);
        return new CliResult(exit, console.OutText, console.ErrorText);
    }

    /// <summary>A project made by init repo in a new temp folder (name Fleet, domain example.com).</summary>
    public static async Task<string> NewProjectAsync(TempDirectory temp)
    {
        var result = await InAsync(temp.Path, "init", "repo", "--domain", "example.com", "--name", "Fleet", "--output", "fleet");
        Assert.True(result.ExitCode == 0, result.ToString());
        return temp.Combine("fleet");
    }
}

/// <summary>A folder with a stand-in ApiBuilder.Runtime package (these tests never restore it).</summary>
internal static class FakePackages
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apiserver-boot-fake-packages");
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, $"ApiBuilder.Runtime.{CliRun.RuntimeVersion}.nupkg"), "not a real package");
        return dir;
    });

    public static string Directory => Folder.Value;
}
