using System.CommandLine;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>build config</c> and <c>run in-cluster</c>: their flags exist (as in apiserver-boot), but
/// deployment manifests come in a later version; both answer so, with exit code 1.
/// </summary>
internal static class ReservedCommands
{
    public static Command BuildConfig()
    {
        var command = new Command("config", "Write the manifests that deploy the server into a cluster (APIService with caBundle, Deployment, Service, Secret, RBAC). Not available yet.");
        AddDeploymentOptions(command);
        command.Add(new Option<string>("--output") { Description = "Folder for the manifests.", DefaultValueFactory = _ => "config" });
        command.SetAction(_ => NotYet("build config"));
        Help.Examples(command, "apiserver-boot build config --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0");
        return command;
    }

    public static Command RunInCluster()
    {
        var command = new Command("in-cluster", "Build and push the image, write the manifests and apply them with kubectl. Not available yet.");
        AddDeploymentOptions(command);
        command.Add(new Option<bool>("--build-image") { Description = "Build the container image first.", DefaultValueFactory = _ => true });
        command.Add(new Option<bool>("--push-image") { Description = "Push the image after building it.", DefaultValueFactory = _ => true });
        command.SetAction(_ => NotYet("run in-cluster"));
        Help.Examples(command, "apiserver-boot run in-cluster --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0");
        return command;
    }

    private static void AddDeploymentOptions(Command command)
    {
        command.Add(new Option<string>("--name") { Description = "Base name of the Deployment, Service and Secret." });
        command.Add(new Option<string>("--namespace") { Description = "Namespace to deploy into." });
        command.Add(new Option<string>("--image") { Description = "Container image of the server." });
        command.Add(new Option<string[]>("--apiserver-args") { Description = "Extra flags for the server.", AllowMultipleArgumentsPerToken = true });
        command.Add(new Option<string[]>("--image-pull-secrets") { Description = "Image pull secrets of the pods.", AllowMultipleArgumentsPerToken = true });
        command.Add(new Option<string?>("--service-account") { Description = "Service account of the server's pods (bound in the generated RBAC)." });
        command.Add(new Option<string?>("--storage-class") { Description = "Storage class of the volume for SQLite storage." });
    }

    private static int NotYet(string name) =>
        throw new UserError(
            $"'{name}' is not available yet: deployment manifests come in a later version of apiserver-boot",
            "Until then use 'apiserver-boot build container' and deploy the image with your own manifests, or run the server with 'apiserver-boot run local'");
}
