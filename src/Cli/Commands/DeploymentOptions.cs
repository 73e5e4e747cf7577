using System.CommandLine;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// The flags of <c>build config</c> and <c>run in-cluster</c> (as in apiserver-boot). Both commands
/// are reserved: deployment manifests come in a later version, and they answer so with exit code 1.
/// </summary>
internal static class DeploymentOptions
{
    public static void AddTo(Command command)
    {
        command.Add(new Option<string>("--name") { Description = "Base name of the Deployment, Service and Secret." });
        command.Add(new Option<string>("--namespace") { Description = "Namespace to deploy into." });
        command.Add(new Option<string>("--image") { Description = "Container image of the server." });
        command.Add(new Option<string[]>("--apiserver-args") { Description = "Extra flags for the server.", AllowMultipleArgumentsPerToken = true });
        command.Add(new Option<string[]>("--image-pull-secrets") { Description = "Image pull secrets of the pods.", AllowMultipleArgumentsPerToken = true });
        command.Add(new Option<string?>("--service-account") { Description = "Service account of the server's pods (bound in the generated RBAC)." });
        command.Add(new Option<string?>("--storage-class") { Description = "Storage class of the volume for SQLite storage." });
    }

    public static int NotYet(string name) =>
        throw new UserError(
            $"'{name}' is not available yet: deployment manifests come in a later version of apiserver-boot",
            "Until then use 'apiserver-boot build container' and deploy the image with your own manifests, or run the server with 'apiserver-boot run local'");
}
