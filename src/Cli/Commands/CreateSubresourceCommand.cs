using System.CommandLine;
using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;
using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>create subresource</c>: <c>status</c> and <c>scale</c> become attributes (and fields) of the
/// Kind, which the runtime serves; any other name becomes a <c>[Subresource]</c> class with a GET
/// handler, which the generated registration serves, and a test that requests it.
/// </summary>
internal static class CreateSubresourceCommand
{
    public static Command Create(CommandContext context)
    {
        var subresource = new Option<string>("--subresource") { Description = "status, scale, or the name of a custom subresource (lower-case letters).", Required = true };
        var kind = new Option<string>("--kind") { Description = "The Kind that gets the subresource.", Required = true };
        var group = new Option<string?>("--group") { Description = "The Kind's group (without the domain), when the Kind name is in several groups." };
        var version = new Option<string?>("--version") { Description = "The Kind's version, when the Kind is served in several versions." };
        var force = new Option<bool>("--force") { Description = "Overwrite <Kind>.apibuilder.cs and other files of apiserver-boot's that you edited. Your files (<Kind>.cs, spec, status, conversion, tests) are never overwritten." };
        var command = new Command("subresource", "Add a subresource to a Kind: status (<plural>/status), scale (<plural>/scale, with spec.replicas and status.replicas for kubectl scale and autoscalers), or a custom one (<Kind><Name>Subresource.cs: a [Subresource] class whose GET handler the server serves at <plural>/<name>/<subresource> once built, and a test).")
        {
            subresource, kind, group, version, force,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(subresource)!, parse.GetValue(kind)!, parse.GetValue(group), parse.GetValue(version), parse.GetValue(force), ct));
        Help.Examples(command,
            "apiserver-boot create subresource --subresource scale --kind Frigate",
            "apiserver-boot create subresource --subresource status --kind Harbor",
            "apiserver-boot create subresource --subresource logs --kind Frigate --group ships --version v1alpha1");
        return command;
    }

    public static Task<int> RunAsync(CommandContext context, string subresource, string kind, string? group, string? version, bool force, CancellationToken cancellationToken)
    {
        var project = ProjectLocation.Find(context.WorkingDirectory);
        ApiNames.CheckSubresource(subresource);
        ApiNames.CheckKind(kind, project.State.Name);
        var resource = FindKind(project.State, kind, group, version);
        if (subresource is not ("status" or "scale"))
        {
            ApiNames.CheckSubresourceBeside(kind, subresource, resource.Group, project.State.Resources);
        }

        cancellationToken.ThrowIfCancellationRequested();

        var updated = subresource switch
        {
            "status" => resource with { StatusSubresource = true },
            "scale" => resource with { StatusSubresource = true, Scale = true },
            _ => resource with { CustomSubresources = [.. resource.CustomSubresources.Append(subresource).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] },
        };
        var next = project.State.With(updated);
        // Every version of the Kind: a conversion between them follows the fields the subresource adds.
        var files = next.Resources.Where(r => r.Group == updated.Group && r.Kind == updated.Kind).SelectMany(r => ProjectTemplates.Resource(next, r)).ToList();
        var console = context.Console;
        console.Line($"{kind}/{subresource} ({TemplateModels.FullGroup(next, updated)}/{updated.Version}):");
        var changed = Scaffolder.Write(project, next, files, force, console);
        if (!changed)
        {
            console.Line("  Nothing to change: every file is up to date.");
        }
        else if (subresource is not ("status" or "scale"))
        {
            var path = $"/apis/{TemplateModels.FullGroup(next, updated)}/{updated.Version}/{(updated.Namespaced ? "namespaces/<namespace>/" : "")}{updated.PluralName}/<name>/{subresource}";
            console.Line($"  Served at {path} once built; its answer is the Get handler in {ApiNames.SubresourceClass(kind, subresource)}.cs.");
        }

        var others = next.Resources.Where(r => r.Group == updated.Group && r.Kind == updated.Kind && r.Version != updated.Version && r.Scale != updated.Scale).ToList();
        if (subresource == "scale" && others.Count > 0)
        {
            console.Warn($"{kind} is also served in {string.Join(", ", others.Select(o => o.Version))} without scale, so the versions now differ in spec.replicas and status.replicas: add scale there too (--version), or decide in the {kind}Conversion.cs of the versions that are not stored what becomes of the replicas.");
        }

        return Task.FromResult(ExitCodes.Ok);
    }

    private static ResourceState FindKind(ProjectState state, string kind, string? group, string? version)
    {
        var matches = state.Resources.Where(r => r.Kind == kind && (group is null || r.Group == group) && (version is null || r.Version == version)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count == 0)
        {
            var known = state.Resources.Count == 0 ? "the project has no Kind yet" : "Kinds here: " + string.Join(", ", state.Resources.Select(r => $"{r.Kind} ({r.Group}/{r.Version})"));
            throw new UserError(
                $"no Kind {kind}{(group is null ? "" : " in group " + group)}{(version is null ? "" : " version " + version)} in this project ({known})",
                "Create it first with 'apiserver-boot create group version resource', or check --kind, --group and --version");
        }

        throw new UserError(
            $"{kind} is in several group-versions ({string.Join(", ", matches.Select(r => r.Group + "/" + r.Version))})",
            "Pass --group and --version to pick one");
    }
}
