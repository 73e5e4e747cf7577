using System.CommandLine;
using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;
using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>create group version resource</c>: a Kind with spec and status, optionally its controller,
/// a sample manifest and tests. Running it again changes nothing.
/// </summary>
internal static class CreateResourceCommand
{
    /// <summary>The options of a resource, as typed on the command line.</summary>
    public sealed record Request(string Group, string Version, string Kind, bool NonNamespaced, bool StatusSubresource, bool Controller, IReadOnlyList<string> ShortNames, bool Force)
    {
        /// <summary>The resource name when the English guess is wrong (<c>--plural people</c>); null for the guess.</summary>
        public string? Plural { get; init; }
    }

    public static Command Create(CommandContext context)
    {
        var group = new Option<string>("--group") { Description = "API group name without the domain, e.g. ships (the group becomes ships.<domain>).", Required = true };
        var version = new Option<string>("--version") { Description = "API version, e.g. v1alpha1, v1beta1 or v1.", Required = true };
        var kind = new Option<string>("--kind") { Description = "Kind name in PascalCase, e.g. Frigate.", Required = true };
        var nonNamespaced = new Option<bool>("--non-namespaced") { Description = "Make the Kind cluster-scoped (default: namespaced)." };
        var status = new Option<bool>("--with-status-subresource") { Description = "Serve <plural>/status, so that status is written only there (default: true; pass false to turn it off).", DefaultValueFactory = _ => true, Arity = ArgumentArity.ZeroOrOne };
        var controller = new Option<bool>("--controller") { Description = "Also write your part of the Kind's controller (ReconcileAsync): once it does something, AddGeneratedResources() runs it in the server's process (or the executable started as 'controller-manager' runs it alone: build config --controller-manager)." };
        var shortNames = new Option<string[]>("--short-names") { Description = "Comma-separated short names for kubectl, e.g. fr,frg.", AllowMultipleArgumentsPerToken = true };
        var plural = new Option<string?>("--plural") { Description = "The resource name in URLs and for kubectl, when the English guess (Kind lower-cased + s, es or ies) is wrong, e.g. people for Person." };
        var force = new Option<bool>("--force") { Description = "Overwrite <Kind>.apibuilder.cs and other files of apiserver-boot's that you edited. Your files (<Kind>.cs, spec, status, conversion, tests) are never overwritten." };
        var command = new Command("resource", "Create a Kind: its C# class with Spec and Status, a sample manifest in config/samples, tests, and (with --controller) a controller stub. Program.cs needs no change: AddGeneratedResources() serves every Kind.")
        {
            group, version, kind, nonNamespaced, status, controller, shortNames, plural, force,
        };
        command.SetAction((parse, ct) => RunAsync(context, new Request(
            parse.GetValue(group)!, parse.GetValue(version)!, parse.GetValue(kind)!, parse.GetValue(nonNamespaced), parse.GetValue(status),
            parse.GetValue(controller), SplitList(parse.GetValue(shortNames)), parse.GetValue(force)) { Plural = parse.GetValue(plural) }, ct));
        Help.Examples(command,
            "apiserver-boot create group version resource --group ships --version v1alpha1 --kind Frigate",
            "apiserver-boot create group version resource --group ships --version v1alpha1 --kind Harbor --non-namespaced --short-names hb",
            "apiserver-boot create group version resource --group crew --version v1alpha1 --kind Person --plural people",
            "apiserver-boot create group version resource --group ships --version v1 --kind Frigate --controller --with-status-subresource false");
        return command;
    }

    public static Task<int> RunAsync(CommandContext context, Request request, CancellationToken cancellationToken)
    {
        var project = ProjectLocation.Find(context.WorkingDirectory);
        var state = project.State;
        ApiNames.CheckGroup(request.Group, state.Domain);
        ApiNames.CheckVersion(request.Version);
        ApiNames.CheckKind(request.Kind, state.Name);
        ApiNames.CheckKindBeside(request.Kind, request.Group, state.Resources);
        ApiNames.CheckShortNames(request.ShortNames);
        if (request.Plural is not null)
        {
            ApiNames.CheckPlural(request.Plural);
        }

        cancellationToken.ThrowIfCancellationRequested();

        var existing = state.Resources.FirstOrDefault(r => r.Group == request.Group && r.Version == request.Version && r.Kind == request.Kind);
        if (existing is { Scale: true } && !request.StatusSubresource)
        {
            throw new UserError($"{request.Kind} serves the scale subresource, which needs the status subresource", "Drop --with-status-subresource false");
        }

        var resource = new ResourceState
        {
            Group = request.Group,
            Version = request.Version,
            Kind = request.Kind,
            Namespaced = !request.NonNamespaced,
            StatusSubresource = request.StatusSubresource,
            Controller = request.Controller || existing?.Controller == true,
            ShortNames = request.ShortNames,
            Plural = request.Plural is null
                ? (existing ?? state.Resources.FirstOrDefault(r => r.Group == request.Group && r.Kind == request.Kind))?.Plural
                : request.Plural == ApiNames.Plural(request.Kind) ? null : request.Plural,
            Scale = existing?.Scale ?? false,
            CustomSubresources = existing?.CustomSubresources ?? [],
            StorageVersion = existing?.StorageVersion ?? false,
        };
        ApiNames.CheckPluralBeside(resource, state.Resources);
        var next = state.With(resource);

        // A Kind served in several versions is stored in one of them: the first version created.
        var versions = next.Resources.Where(r => r.Group == resource.Group && r.Kind == resource.Kind).ToList();
        if (versions.Count > 1 && !versions.Any(v => v.StorageVersion))
        {
            next = next.With(versions.First(v => v.Version != resource.Version) with { StorageVersion = true });
        }

        var files = next.Resources.Where(r => r.Group == resource.Group && r.Kind == resource.Kind)
            .SelectMany(r => ProjectTemplates.Resource(next, r)).ToList();
        var full = TemplateModels.FullGroup(state, resource);
        context.Console.Line($"{resource.Kind} ({full}/{resource.Version}, {(resource.Namespaced ? "namespaced" : "cluster-scoped")}):");
        var changed = Scaffolder.Write(project, next, files, request.Force, context.Console);
        KindlessStandIn.RemoveIfUnedited(project, state.Name, context.Console);
        if (ProjectTemplates.StorageVersionOf(next, resource) is { } storage && !storage.SameKind(resource))
        {
            context.Console.Line($"  {resource.Kind} is stored in {storage.Version}: {resource.Kind}Conversion.cs converts {resource.Version} to and from it; change it when you change the fields of either version.");
        }
        if (!changed)
        {
            context.Console.Line("  Nothing to change: every file is up to date.");
            return Task.FromResult(ExitCodes.Ok);
        }

        context.Console.Line();
        context.Console.Line("Next:");
        context.Console.Line("  dotnet build && dotnet test");
        context.Console.Line("  apiserver-boot run local");
        context.Console.Line($"  kubectl --kubeconfig kubeconfig apply -f {ProjectTemplates.SamplePath(next, resource)}");
        context.Console.Line($"  kubectl --kubeconfig kubeconfig get {resource.PluralName}");
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>Values given as <c>a,b</c>, <c>a b</c> or a repeated flag, trimmed, without duplicates, in order.</summary>
    public static IReadOnlyList<string> SplitList(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];
}
