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
            Render("project/gitignore.hbs", ".gitignore", model),
            Render("project/dockerignore.hbs", ".dockerignore", model),
            Render("project/README.md.hbs", "README.md", model),
            Render("project/Directory.Build.props.hbs", "Directory.Build.props", model),
            Render("project/nuget.config.hbs", "nuget.config", model),
            Render("project/Solution.slnx.hbs", name + ".slnx", model),
            Render("project/Dockerfile.hbs", "Dockerfile", model),
            Render("project/config-README.md.hbs", "config/README.md", model),
            Render("project/samples-README.md.hbs", "config/samples/README.md", model),
            Render("project/Server.csproj.hbs", $"src/{name}/{name}.csproj", model),
            Render("project/Program.cs.hbs", $"src/{name}/Program.cs", model),
            Render("project/NoKindsYet.cs.hbs", $"src/{name}/NoKindsYet.cs", model),
            Render("project/Tests.csproj.hbs", $"tests/{name}.Tests/{name}.Tests.csproj", model),
            Render("project/ServerTests.cs.hbs", $"tests/{name}.Tests/ServerTests.cs", model),
        ];
    }

    /// <summary>The files of one Kind (<c>create group version resource</c>, <c>create subresource</c>).</summary>
    public static IReadOnlyList<PlannedFile> Resource(ProjectState project, ResourceState resource)
    {
        var model = TemplateModels.Resource(project, resource);
        var folder = KindFolder(project, resource);
        var tests = $"tests/{project.Name}.Tests/{ApiNames.Pascal(resource.Group)}{ApiNames.VersionPascal(resource.Version)}";
        var files = new List<PlannedFile>
        {
            Render("resource/Kind.cs.hbs", $"{folder}/{resource.Kind}.cs", model),
            Render("resource/KindSpec.cs.hbs", $"{folder}/{resource.Kind}Spec.cs", model),
            Render("resource/KindStatus.cs.hbs", $"{folder}/{resource.Kind}Status.cs", model),
        };
        if (resource.Controller)
        {
            files.Add(Render("resource/Controller.cs.hbs", $"{folder}/{resource.Kind}Controller.cs", model));
        }

        foreach (var subresource in resource.CustomSubresources)
        {
            files.Add(CustomSubresource(project, resource, subresource));
        }

        files.Add(Render("resource/Sample.yaml.hbs", SamplePath(project, resource), model));
        files.Add(Render("resource/KindTests.cs.hbs", $"{tests}/{resource.Kind}Tests.cs", model));
        return files;
    }

    /// <summary>The sample manifest of a Kind.</summary>
    public static string SamplePath(ProjectState project, ResourceState resource) =>
        $"config/samples/{TemplateModels.FullGroup(project, resource)}_{resource.Version}_{ApiNames.Lower(resource.Kind)}.yaml";

    private static PlannedFile CustomSubresource(ProjectState project, ResourceState resource, string subresource)
    {
        var model = new Dictionary<string, object?>(TemplateModels.Resource(project, resource), StringComparer.Ordinal)
        {
            ["subresource"] = subresource,
            ["subresourcePascal"] = ApiNames.Pascal(subresource),
        };
        return Render("subresource/Custom.cs.hbs", $"{KindFolder(project, resource)}/{resource.Kind}{ApiNames.Pascal(subresource)}Subresource.cs", model);
    }

    private static string KindFolder(ProjectState project, ResourceState resource) =>
        $"src/{project.Name}/Apis/{ApiNames.Pascal(resource.Group)}/{ApiNames.VersionPascal(resource.Version)}";

    private static PlannedFile Render(string template, string path, IReadOnlyDictionary<string, object?> model) =>
        new(path, TemplateRenderer.Render(template, model));
}
