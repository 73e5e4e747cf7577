using System.CommandLine;
using System.Runtime.InteropServices;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Commands;

/// <summary><c>version</c>: the tool's version, the runtime package it creates projects with, and the platform.</summary>
internal static class VersionCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("version", "Print the versions of apiserver-boot, of the ApiBuilder.Runtime package it creates projects with, and of .NET.");
        command.SetAction(_ =>
        {
            var console = context.Console;
            console.Line("apiserver-boot " + ToolInfo.Version);
            string runtime;
            try
            {
                runtime = RuntimePackage.Find(context.PackagesDirectory).Version;
            }
            catch (UserError)
            {
                runtime = "not bundled (a development build; see README)";
            }

            console.Line("ApiBuilder.Runtime package: " + runtime);
            console.Line($".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
            return ExitCodes.Ok;
        });
        Help.Examples(command, "apiserver-boot version");
        return command;
    }
}
