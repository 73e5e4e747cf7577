using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>
/// A project as build config sees it: only its state (no sources are needed), with two groups,
/// ships served in v1alpha1 and v1beta1 (status and scale subresources) and a cluster-scoped Kind
/// in sea-ports, plus the config/README.md and a sample that build config must keep.
/// </summary>
internal static class DeployableProject
{
    public const string Name = "fleet-server";

    public const string Namespace = "fleet";

    public const string Image = "registry.example.com/fleet-server:v0.1.0";

    public static readonly string[] ApiServices = ["v1alpha1.ships.example.com", "v1beta1.ships.example.com", "v1.sea-ports.example.com"];

    public static string Create(TempDirectory temp)
    {
        var state = new ProjectState { Name = "Fleet", Domain = "example.com", RuntimeVersion = CliRun.RuntimeVersion }
            .With(new ResourceState { Group = "ships", Version = "v1alpha1", Kind = "Frigate", StatusSubresource = true })
            .With(new ResourceState { Group = "ships", Version = "v1beta1", Kind = "Frigate", StatusSubresource = true, Scale = true, StorageVersion = true })
            .With(new ResourceState { Group = "sea-ports", Version = "v1", Kind = "Harbor", Namespaced = false });
        var root = temp.Combine("fleet");
        Directory.CreateDirectory(Path.Combine(root, ProjectLocation.StateFolder));
        File.WriteAllText(Path.Combine(root, ProjectLocation.StateFolder, ProjectState.FileName), state.ToJson());
        Directory.CreateDirectory(Path.Combine(root, "config", "samples"));
        File.WriteAllText(Path.Combine(root, "config", "README.md"), "# config\n");
        File.WriteAllText(Path.Combine(root, "config", "samples", "ships.example.com_v1alpha1_frigate.yaml"), "kind: Frigate\n");
        return root;
    }

    /// <summary>build config's arguments with the fixed name, namespace and image, then <paramref name="more"/>.</summary>
    public static string[] BuildConfig(params string[] more) => ["build", "config", "--name", Name, "--namespace", Namespace, "--image", Image, .. more];
}
