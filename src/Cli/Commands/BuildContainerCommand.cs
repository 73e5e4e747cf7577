using System.CommandLine;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Commands;

/// <summary><c>build container</c>: the project's Dockerfile built by a running container engine (Docker or Podman).</summary>
internal static class BuildContainerCommand
{
    public static Command Create(CommandContext context)
    {
        var image = new Option<string?>("--image") { Description = "Image name and tag (default: <server name>:latest)." };
        var engine = new Option<string?>("--engine") { Description = "Container engine command (default: docker; podman when docker is not on PATH or its engine does not answer)." };
        var command = new Command("container", "Build a container image of the server from the Dockerfile at the project root (needs a running Docker or Podman engine).")
        {
            image, engine,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(image), parse.GetValue(engine), ct));
        Help.Examples(command,
            "apiserver-boot build container",
            "apiserver-boot build container --image registry.example.com/ships-server:v0.1.0 --engine podman");
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, string? image, string? engine, CancellationToken cancellationToken)
    {
        var (command, tag) = await BuildAsync(context, image, engine, cancellationToken).ConfigureAwait(false);
        context.Console.Line($"Built image {tag}. Push it with: {command} push {tag}");
        return ExitCodes.Ok;
    }

    /// <summary>The engine on PATH: <paramref name="engine"/> when given, else docker, else podman; null when there is none.</summary>
    public static string? FindEngine(CommandContext context, string? engine) =>
        engine is not null ? (context.FindProgram(engine) is not null ? engine : null)
        : context.FindProgram("docker") is not null ? "docker" : context.FindProgram("podman") is not null ? "podman" : null;

    /// <summary>Builds the image; returns the engine command used and the tag. Fails with the fix when there is no running engine.</summary>
    public static async Task<(string Engine, string Tag)> BuildAsync(CommandContext context, string? image, string? engine, CancellationToken cancellationToken)
    {
        var project = ProjectLocation.Find(context.WorkingDirectory);
        var dockerfile = Path.Combine(project.Root, "Dockerfile");
        if (!File.Exists(dockerfile))
        {
            throw new UserError($"{dockerfile} does not exist", "Restore it from version control, or write one; init repo generates it");
        }

        var installed = (engine is not null ? [engine] : new[] { "docker", "podman" }).Where(e => context.FindProgram(e) is not null).ToList();
        if (installed.Count == 0)
        {
            throw engine is not null
                ? new UserError($"no container engine found ({engine} is not on PATH)", "Install it, or leave out --engine to use docker or podman, whichever is on PATH")
                : new UserError("no container engine found (neither docker nor podman is on PATH)", "Install Docker or Podman, or build the image elsewhere from the project's Dockerfile");
        }

        // The first installed engine that answers 'info': docker, else podman (docker's client may be there without its daemon).
        var console = context.Console;
        string? command = null;
        var failures = new List<string>();
        foreach (var candidate in installed)
        {
            var info = await console.StepAsync($"Checking the {candidate} engine", ct => ProcessRunner.RunAsync(context.FindProgram(candidate)!, ["info"], project.Root, ct), cancellationToken)
                .ConfigureAwait(false);
            if (info.ExitCode == 0)
            {
                command = candidate;
                break;
            }

            var why = info.Lines.FirstOrDefault(l => l.Contains("Cannot connect", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim()
                ?? info.Lines.LastOrDefault()?.Trim() ?? "no answer";
            failures.Add(candidate == "podman" ? $"podman is installed but 'podman info' fails ({why})" : $"{candidate} is installed but its engine is not running ({why})");
        }

        if (command is null)
        {
            var fix = string.Join("; or ", installed.Select(e => e == "podman"
                ? "fix what 'podman info' reports (Podman needs no daemon; on macOS and Windows, 'podman machine start')"
                : $"start the {e} engine (e.g. 'sudo systemctl start {e}', or Docker Desktop)"));
            if (engine is null && !installed.Contains("podman"))
            {
                fix += "; or install Podman, which needs no daemon";
            }

            throw new UserError(string.Join("; ", failures), char.ToUpperInvariant(fix[0]) + fix[1..] + ", then run the command again");
        }

        if (failures.Count > 0)
        {
            console.Line($"{failures[0]}: using {command}.");
        }

        var tag = image ?? project.State.ServerName + ":latest";
        var build = await console.StepAsync($"Building image {tag}", ct => ProcessRunner.RunAsync(context.FindProgram(command)!, ["build", "--tag", tag, "--file", dockerfile, project.Root], project.Root, ct), cancellationToken)
            .ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            foreach (var line in build.Lines.TakeLast(40))
            {
                console.Error.WriteLine(line);
            }

            throw new UserError($"{command} build failed (the end of its output is above)", "Fix the Dockerfile or the build error and run the command again");
        }

        return (command, tag);
    }
}
