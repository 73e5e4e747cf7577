using System.CommandLine;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Commands;

/// <summary><c>build executables</c>: <c>dotnet publish</c> of the server into ./bin.</summary>
internal static class BuildExecutablesCommand
{
    public static Command Create(CommandContext context)
    {
        var output = new Option<string?>("--output") { Description = "Folder for the published server (default: bin/ at the project root)." };
        var configuration = new Option<string>("--configuration") { Description = "Build configuration.", DefaultValueFactory = _ => "Release" };
        var runtime = new Option<string?>("--runtime") { Description = "Target runtime identifier for another platform, e.g. linux-arm64 or win-x64 (framework-dependent)." };
        var command = new Command("executables", "Publish the server (dotnet publish) into bin/; run it with dotnet bin/<name>.dll or the bin/<name> executable.")
        {
            output, configuration, runtime,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(output), parse.GetValue(configuration)!, parse.GetValue(runtime), ct));
        Help.Examples(command,
            "apiserver-boot build executables",
            "apiserver-boot build executables --output /tmp/server --runtime linux-arm64");
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, string? output, string configuration, string? runtime, CancellationToken cancellationToken)
    {
        var project = ProjectLocation.Find(context.WorkingDirectory);
        var target = output is null ? Path.Combine(project.Root, "bin") : context.Resolve(output);
        List<string> arguments = ["publish", project.State.ServerProject, "--configuration", configuration, "--output", target, "-nologo"];
        if (runtime is not null)
        {
            arguments.AddRange(["--runtime", runtime, "--self-contained", "false"]);
        }

        await DotnetCli.RunBuildAsync(context.Console, $"Publishing {project.State.Name} ({configuration})", project.Root, arguments, cancellationToken).ConfigureAwait(false);
        context.Console.Line($"Published to {target}. Run it with: dotnet {Path.Combine(target, project.State.Name + ".dll")} --help");
        return ExitCodes.Ok;
    }
}
