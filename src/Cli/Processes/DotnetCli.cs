using System.Text.RegularExpressions;
using ApiBuilder.Cli.Output;

namespace ApiBuilder.Cli.Processes;

/// <summary>Runs the dotnet CLI for a project: build, publish, and reading a built project's output path.</summary>
internal static partial class DotnetCli
{
    /// <summary>Builds (or publishes) with a progress step; on failure shows the compiler's errors and fails with exit code 1.</summary>
    public static async Task RunBuildAsync(ICliConsole console, string title, string root, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await console.StepAsync(title, ct => ProcessRunner.RunAsync("dotnet", arguments, root, ct), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return;
        }

        var errors = Errors(result.Lines);
        foreach (var error in errors.Count > 0 ? errors : result.Lines.TakeLast(30))
        {
            console.Error.WriteLine(error);
        }

        throw new UserError(
            errors.Count > 0 ? $"dotnet {arguments[0]} failed with {errors.Count} error{(errors.Count == 1 ? "" : "s")} (shown above)" : $"dotnet {arguments[0]} failed (its output is above)",
            "Fix the errors and run the command again");
    }

    /// <summary>The path of the assembly a project builds (its TargetPath) for a configuration.</summary>
    public static async Task<string> TargetPathAsync(string root, string project, string configuration, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("dotnet", ["msbuild", project, "-getProperty:TargetPath", "-p:Configuration=" + configuration, "-nologo"], root, cancellationToken).ConfigureAwait(false);
        var path = result.Lines.LastOrDefault(l => l.Trim().EndsWith(".dll", StringComparison.OrdinalIgnoreCase))?.Trim();
        if (result.ExitCode != 0 || path is null || !File.Exists(path))
        {
            throw new UserError($"could not find what {project} builds (dotnet msbuild -getProperty:TargetPath said: {result.Text.Trim()})", "Check that the project builds with dotnet build");
        }

        return path;
    }

    /// <summary>The distinct error lines of MSBuild output (compiler, restore and MSBuild errors).</summary>
    public static IReadOnlyList<string> Errors(IEnumerable<string> lines) =>
        [.. lines.Select(l => l.Trim()).Where(l => ErrorLine().IsMatch(l)).Select(l => ProjectSuffix().Replace(l, "")).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"(^|: )error [A-Z]+[0-9]+:|: error :", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\s+\[[^\]]+\.(cs|fs|vb)proj(::[^\]]*)?\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectSuffix();
}
