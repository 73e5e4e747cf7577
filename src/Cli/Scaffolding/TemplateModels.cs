using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>The values templates see. Keys are camelCase; every template lists the ones it uses.</summary>
internal static class TemplateModels
{
    public static IReadOnlyDictionary<string, object?> Project(ProjectState project) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = project.Name,
        ["serverName"] = project.ServerName,
        ["domain"] = project.Domain,
        ["exampleGroup"] = "ships." + project.Domain,
        ["runtimeVersion"] = project.RuntimeVersion,
        ["testSdkVersion"] = TestPackages.TestSdk,
        ["xunitVersion"] = TestPackages.Xunit,
        ["xunitRunnerVersion"] = TestPackages.XunitRunner,
    };

    public static IReadOnlyDictionary<string, object?> Resource(ProjectState project, ResourceState resource)
    {
        var groupPascal = ApiNames.Pascal(resource.Group);
        var versionPascal = ApiNames.VersionPascal(resource.Version);
        return new Dictionary<string, object?>(Project(project), StringComparer.Ordinal)
        {
            ["group"] = FullGroup(project, resource),
            ["groupLabel"] = resource.Group,
            ["version"] = resource.Version,
            ["kind"] = resource.Kind,
            ["kindLower"] = ApiNames.Lower(resource.Kind),
            ["plural"] = resource.PluralName,
            ["defaultPlural"] = ApiNames.Plural(resource.Kind),
            ["namespaced"] = resource.Namespaced,
            ["statusSubresource"] = resource.StatusSubresource,
            ["scale"] = resource.Scale,
            ["controller"] = resource.Controller,
            ["storageVersion"] = resource.StorageVersion,
            ["shortNames"] = resource.ShortNames.Count > 0,
            ["shortNamesCode"] = string.Join(", ", resource.ShortNames.Select(s => "\"" + s + "\"")),
            ["kindNamespace"] = KindNamespace(project, resource),
            ["testNamespace"] = $"{project.Name}.Tests.{groupPascal}{versionPascal}",
        };
    }

    /// <summary>A version's conversion to and from the storage version of its Kind.</summary>
    public static IReadOnlyDictionary<string, object?> Conversion(ProjectState project, ResourceState resource, ResourceState storage) =>
        new Dictionary<string, object?>(Resource(project, resource), StringComparer.Ordinal)
        {
            ["storageVersionName"] = storage.Version,
            ["storageNamespace"] = KindNamespace(project, storage),
            ["storageScale"] = storage.Scale,
        };

    /// <summary>The C# namespace of a Kind's version: <c>&lt;Project&gt;.Apis.&lt;Group&gt;.&lt;Version&gt;</c>.</summary>
    public static string KindNamespace(ProjectState project, ResourceState resource) =>
        $"{project.Name}.Apis.{ApiNames.Pascal(resource.Group)}.{ApiNames.VersionPascal(resource.Version)}";

    /// <summary>The API group: <c>&lt;group&gt;.&lt;domain&gt;</c>.</summary>
    public static string FullGroup(ProjectState project, ResourceState resource) => resource.Group + "." + project.Domain;
}
