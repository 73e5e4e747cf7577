using System.CommandLine;

namespace ApiBuilder.Cli.Commands;

/// <summary><c>run in-cluster</c>: reserved for the deployment of a later version.</summary>
internal static class RunInClusterCommand
{
    public static Command Create()
    {
        var command = new Command("in-cluster", "Build and push the image, write the manifests and apply them with kubectl. Not available yet.");
        DeploymentOptions.AddTo(command);
        command.Add(new Option<bool>("--build-image") { Description = "Build the container image first.", DefaultValueFactory = _ => true });
        command.Add(new Option<bool>("--push-image") { Description = "Push the image after building it.", DefaultValueFactory = _ => true });
        command.SetAction(_ => DeploymentOptions.NotYet("run in-cluster"));
        Help.Examples(command, "apiserver-boot run in-cluster --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0");
        return command;
    }
}
