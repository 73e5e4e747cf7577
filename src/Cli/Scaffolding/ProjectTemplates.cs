using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>Which template becomes which file, for each command.</summary>
internal static class ProjectTemplates
{
    /// <summary>The files of a new project (<c>init repo</c>).</summary>
    public static IReadOnlyList<PlannedFile> Project(ProjectState project)
    {
        var model = TemplateModels.Project(project);
        var name = project.Name;
        return
        [
            Render("project/gitignore.sbn", ".gitignore", model),
            Render("project/dockerignore.sbn", ".dockerignore", model),
            Render("project/README.md.sbn", "README.md", model),
            Render("project/Directory.Build.props.sbn", "Directory.Build.props", model),
            Render("project/nuget.config.sbn", "nuget.config", model),
            Render("project/Solution.slnx.sbn", name + ".slnx", model),
            Render("project/Dockerfile.sbn", "Dockerfile", model),
            Render("project/config-README.md.sbn", "config/README.md", model),
            Render("project/samples-README.md.sbn", "config/samples/README.md", model),
            Render("project/Server.csproj.sbn", $"src/{name}/{name}.csproj", model),
            Render("project/Program.cs.sbn", $"src/{name}/Program.cs", model),
            Render("project/NoKindsYet.cs.sbn", $"src/{name}/NoKindsYet.cs", model),
            Render("project/Tests.csproj.sbn", $"tests/{name}.Tests/{name}.Tests.csproj", model),
            Render("project/ServerTests.cs.sbn", $"tests/{name}.Tests/ServerTests.cs", model),
        ];
    }

    /// <summary>
    /// The files of one version of a Kind (<c>create group version resource</c>, <c>create subresource</c>):
    /// <c>&lt;Kind&gt;.apibuilder.cs</c>, the declarations apiserver-boot rewrites, and the files that are
    /// the user's once written: the Kind's code, spec, status, controller, custom subresources (and their tests), the
    /// conversion to the storage version (for the other versions of a Kind served in several), the
    /// sample and the tests.
    /// </summary>
    public static IReadOnlyList<PlannedFile> Resource(ProjectState project, ResourceState resource)
    {
        var model = TemplateModels.Resource(project, resource);
        var folder = KindFolder(project, resource);
        var tests = $"tests/{project.Name}.Tests/{ApiNames.Pascal(resource.Group)}{ApiNames.VersionPascal(resource.Version)}";
        var files = new List<PlannedFile>
        {
            Render("resource/Kind.apibuilder.cs.sbn", $"{folder}/{resource.Kind}.apibuilder.cs", model),
            Yours("resource/Kind.cs.sbn", $"{folder}/{resource.Kind}.cs", model),
            Yours("resource/KindSpec.cs.sbn", $"{folder}/{resource.Kind}Spec.cs", model),
            Yours("resource/KindStatus.cs.sbn", $"{folder}/{resource.Kind}Status.cs", model),
        };
        if (resource.Controller)
        {
            files.Add(Yours("resource/Controller.cs.sbn", $"{folder}/{resource.Kind}Controller.cs", model));
        }

        foreach (var subresource in resource.CustomSubresources)
        {
            files.AddRange(CustomSubresource(project, resource, subresource, tests));
        }

        if (StorageVersionOf(project, resource) is { } storage && !storage.SameKind(resource))
        {
            files.Add(Yours("resource/Conversion.cs.sbn", $"{folder}/{resource.Kind}Conversion.cs", TemplateModels.Conversion(project, resource, storage)));
        }

        files.Add(Yours("resource/Sample.yaml.sbn", SamplePath(project, resource), model));
        files.Add(Yours("resource/KindTests.cs.sbn", $"{tests}/{resource.Kind}Tests.cs", model));
        return files;
    }

    /// <summary>The version a Kind served in several versions is stored in; null while it has one.</summary>
    public static ResourceState? StorageVersionOf(ProjectState project, ResourceState resource)
    {
        var versions = project.Resources.Where(r => r.Group == resource.Group && r.Kind == resource.Kind).ToList();
        return versions.Count > 1 ? versions.FirstOrDefault(v => v.StorageVersion) : null;
    }

    /// <summary>The sample manifest of a Kind.</summary>
    public static string SamplePath(ProjectState project, ResourceState resource) =>
        $"config/samples/{TemplateModels.FullGroup(project, resource)}_{resource.Version}_{ApiNames.Lower(resource.Kind)}.yaml";

    /// <summary>A custom subresource: its <c>[Subresource]</c> class, served once built, and a test that requests it.</summary>
    private static IEnumerable<PlannedFile> CustomSubresource(ProjectState project, ResourceState resource, string subresource, string tests)
    {
        var model = new Dictionary<string, object?>(TemplateModels.Resource(project, resource), StringComparer.Ordinal)
        {
            ["subresource"] = subresource,
            ["subresourcePascal"] = ApiNames.Pascal(subresource),
        };
        var name = resource.Kind + ApiNames.Pascal(subresource) + "Subresource";
        yield return Yours("subresource/Custom.cs.sbn", $"{KindFolder(project, resource)}/{name}.cs", model);
        yield return Yours("subresource/CustomTests.cs.sbn", $"{tests}/{name}Tests.cs", model);
    }

    private static string KindFolder(ProjectState project, ResourceState resource) =>
        $"src/{project.Name}/Apis/{ApiNames.Pascal(resource.Group)}/{ApiNames.VersionPascal(resource.Version)}";

    private static PlannedFile Render(string template, string path, IReadOnlyDictionary<string, object?> model) =>
        new(path, TemplateRenderer.Render(template, model));

    private static PlannedFile Yours(string template, string path, IReadOnlyDictionary<string, object?> model) =>
        new(path, TemplateRenderer.Render(template, model), FileOwner.User);
}
