using System.CommandLine;
using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;
using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Commands;

/// <summary><c>init repo</c>: a new solution with a server project, a test project and everything around them.</summary>
internal static class InitRepoCommand
{
    public static Command Create(CommandContext context)
    {
        var domain = new Option<string>("--domain") { Description = "Suffix of every API group of the project, e.g. example.com (groups become <group>.example.com).", Required = true };
        var name = new Option<string?>("--name") { Description = "Project name: C# root namespace, assembly and folder names (default: the output folder's name in PascalCase)." };
        var output = new Option<string>("--output") { Description = "Folder to create the project in; must be new or empty.", DefaultValueFactory = _ => "." };
        var command = new Command("repo", "Create a new API server project: a solution with the server and its tests, Dockerfile, config/ and a local feed with ApiBuilder's packages, ready to build and run.")
        {
            domain, name, output,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(domain)!, parse.GetValue(name), parse.GetValue(output)!, ct));
        Help.Examples(command,
            "apiserver-boot init repo --domain example.com",
            "apiserver-boot init repo --domain example.com --name Acme.Ships --output ships-server");
        return command;
    }

    public static Task<int> RunAsync(CommandContext context, string domain, string? name, string output, CancellationToken cancellationToken)
    {
        var console = context.Console;
        ApiNames.CheckDomain(domain);
        var target = context.Resolve(output);
        name ??= ApiNames.ProjectNameFromFolder(Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar)));
        ApiNames.CheckProjectName(name);
        CheckTarget(target, output);
        var package = RuntimePackage.Find(context.PackagesDirectory);
        cancellationToken.ThrowIfCancellationRequested();

        var state = new ProjectState { Name = name, Domain = domain, RuntimeVersion = package.Version };
        var files = ProjectTemplates.Project(state);
        var manifest = GeneratedManifest.Empty().With(files.Select(f => KeyValuePair.Create(f.Path, GeneratedManifest.Hash(f.Content))));
        var all = files
            .Append(new PlannedFile(ProjectLocation.StateFolder + "/" + ProjectState.FileName, state.ToJson()))
            .Append(new PlannedFile(GeneratedManifest.RelativePath, manifest.ToJson()))
            .ToList();
        NewFolder.Create(target, staging =>
        {
            foreach (var file in all)
            {
                var path = FileWriter.Full(staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
            }

            var feed = Path.Combine(staging, ProjectLocation.StateFolder, "packages");
            Directory.CreateDirectory(feed);
            File.Copy(package.Path, Path.Combine(feed, package.FileName));
        });

        console.Line($"Created {name} (API groups *.{domain}, ApiBuilder.Runtime {package.Version}) in {target}:");
        foreach (var file in files)
        {
            console.Line("  create    " + file.Path);
        }

        console.Line($"  create    {ProjectLocation.StateFolder}/packages/{package.FileName}");
        console.Line();
        console.Line("Next:");
        if (target != context.WorkingDirectory)
        {
            console.Line("  cd " + Path.GetRelativePath(context.WorkingDirectory, target));
        }

        console.Line("  apiserver-boot create group version resource --group ships --version v1alpha1 --kind Frigate");
        console.Line("  dotnet build && dotnet test");
        console.Line("  apiserver-boot run local");
        return Task.FromResult(ExitCodes.Ok);
    }

    private static void CheckTarget(string target, string output)
    {
        if (File.Exists(target))
        {
            throw new UserError($"{output} is a file", "Pass --output with the path of a new or empty folder");
        }

        if (!Directory.Exists(target))
        {
            // The folder is created with its missing parents: none of them may be a file.
            for (var parent = Path.GetDirectoryName(target); parent is not null && !Directory.Exists(parent); parent = Path.GetDirectoryName(parent))
            {
                if (File.Exists(parent))
                {
                    throw new UserError($"{output} cannot be created: {parent} is a file", "Pass --output with a path whose parent folders are folders");
                }
            }

            return;
        }

        // A folder fresh from `git init` counts as empty.
        var entries = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Where(e => e != ".git").Order(StringComparer.Ordinal).ToList();
        if (entries.Count > 0)
        {
            var shown = string.Join(", ", entries.Take(3)) + (entries.Count > 3 ? ", ..." : "");
            throw new UserError(
                $"{(output == "." ? "the current folder" : output)} is not empty (it has {shown})",
                "Run init repo in a new or empty folder, or pass --output <new folder>; nothing was written");
        }
    }
}
