using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// <c>NoKindsYet.cs</c>, which lets a new project build before it declares a Kind, is no longer
/// needed once the source generator writes <c>AddGeneratedResources()</c>. It is removed when the
/// first Kind is created, unless the user changed it.
/// </summary>
internal static class KindlessStandIn
{
    public static string RelativePath(string projectName) => $"src/{projectName}/NoKindsYet.cs";

    public static void RemoveIfUnedited(ProjectLocation project, string projectName, ICliConsole console)
    {
        var relative = RelativePath(projectName);
        var path = Path.Combine(project.Root, relative);
        var manifest = GeneratedManifest.Load(project.Root);
        if (!File.Exists(path) || manifest[relative] is not { } recorded || GeneratedManifest.Hash(File.ReadAllBytes(path)) != recorded)
        {
            return;
        }

        File.Delete(path);
        File.WriteAllText(Path.Combine(project.Root, GeneratedManifest.RelativePath), manifest.Without(relative).ToJson());
        console.Line($"  {"delete",-9} {relative} (the generated AddGeneratedResources() takes its place)");
    }
}
