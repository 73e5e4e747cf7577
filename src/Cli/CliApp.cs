using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using ApiBuilder.Cli.Commands;
using ApiBuilder.Cli.Output;

namespace ApiBuilder.Cli;

/// <summary>The command tree of <c>apiserver-boot</c>, and how its outcomes become exit codes.</summary>
internal static class CliApp
{
    /// <summary>Runs the tool as a process: Ctrl-C and SIGTERM cancel the running command, which then stops what it started.</summary>
    public static async Task<int> RunAsync(string[] args, ICliConsole console)
    {
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext signal)
        {
            signal.Cancel = true; // stop children and exit through the normal path
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var context = new CommandContext(console, Directory.GetCurrentDirectory(), ToolInfo.DefaultPackagesDirectory);
        return await RunAsync(args, context, stop.Token).ConfigureAwait(false);
    }

    /// <summary>Parses and runs one command line. Returns 0, 1 (user error, explained in one line) or 2 (unexpected).</summary>
    public static async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            var path = CommandPath(parse.CommandResult.Command);
            // An unknown word says more than the missing subcommand it causes.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            var message = error.Message.TrimEnd('.');
            if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            {
                message = $"'{path}' needs a subcommand";
            }

            console.Fail(char.ToLowerInvariant(message[0]) + message[1..], $"Run '{path} --help' for its usage");
            return ExitCodes.UserError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (UserError e)
        {
            console.Fail(e.Reason, e.Fix);
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled", "Nothing was left half-done; run the command again when you are ready");
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            console.Fail($"unexpected failure: {e.GetType().Name}: {e.Message}", "Please report it with the output of 'apiserver-boot version'");
            console.Error.WriteLine(e.ToString());
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>The whole command tree.</summary>
    public static RootCommand Build(CommandContext context)
    {
        var root = new RootCommand("apiserver-boot scaffolds, builds, documents and runs Kubernetes aggregated extension API servers written in C# with ApiBuilder.");
        var init = new Command("init", "Create a new project.") { InitRepoCommand.Create(context) };
        var resource = CreateResourceCommand.Create(context);
        var create = new Command("create", "Add API resources and subresources to the project.")
        {
            new Command("group", "Work with an API group.")
            {
                new Command("version", "Work with a version of an API group.") { resource },
            },
            CreateSubresourceCommand.Create(context),
        };
        var build = new Command("build", "Build the server, its container image or its API reference.")
        {
            BuildExecutablesCommand.Create(context),
            BuildContainerCommand.Create(context),
            BuildDocsCommand.Create(context),
            BuildConfigCommand.Create(context),
        };
        var run = new Command("run", "Run the server.")
        {
            RunLocalCommand.Create(context),
            RunInClusterCommand.Create(context),
        };
        root.Add(init);
        root.Add(create);
        root.Add(build);
        root.Add(run);
        root.Add(VersionCommand.Create(context));
        Help.Examples(root,
            "apiserver-boot init repo --domain example.com",
            "apiserver-boot create group version resource --group ships --version v1alpha1 --kind Frigate",
            "dotnet build && dotnet test",
            "apiserver-boot run local",
            "kubectl --kubeconfig kubeconfig api-resources",
            "apiserver-boot build docs");
        Help.AddExamplesToHelp(root);
        return root;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
        {
            names.Add(c is RootCommand ? "apiserver-boot" : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
