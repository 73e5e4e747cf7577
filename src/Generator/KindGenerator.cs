using System;
using System.Linq;
using ApiBuilder.Generator.Emitting;
using ApiBuilder.Generator.Model;
using ApiBuilder.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiBuilder.Generator
{
    /// <summary>
    /// [Kind] classes → equatable <see cref="KindModel"/>s → per Kind: the generated part of the class
    /// (ResourceDefinition with schema, JSON), a typed client and a controller stub; per assembly:
    /// the registration (with the [Storage] and [Subresource] classes of its Kinds) and the precomputed discovery
    /// documents of its API groups. Invalid Kinds and subresources produce nothing; the analyzers report why.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class KindGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var kinds = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.KindAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => KindParser.Parse(ctx, ct))
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.Model);

            var set = kinds
                .Select(static (model, _) => model.Identity)
                .Collect()
                .Select(static (identities, _) => KindSet.Create(identities))
                .WithTrackingName(TrackingNames.Set);

            var resolved = kinds
                .Combine(set)
                .Select(static (pair, _) => pair.Right.Resolve(pair.Left))
                .Where(static kind => kind is not null)
                .Select(static (kind, _) => kind!)
                .WithTrackingName(TrackingNames.Resolved);

            context.RegisterSourceOutput(resolved, static (output, kind) =>
            {
                var model = kind.Model;
                var prefix = model.Namespace.Length == 0 ? "" : model.Namespace + ".";
                output.AddSource(prefix + model.ClassName + ".g.cs", KindEmitter.Emit(kind));
                output.AddSource(prefix + ClientEmitter.ClassName(model) + ".g.cs", ClientEmitter.Emit(model));
                output.AddSource(prefix + ControllerEmitter.ClassName(model) + ".g.cs", ControllerEmitter.Emit(model));
            });

            var entries = resolved
                .Select(static (kind, _) => kind.Registration)
                .Collect()
                .Select(static (collected, _) => collected
                    .OrderBy(e => e.Group, StringComparer.Ordinal)
                    .ThenBy(e => e.Kind, StringComparer.Ordinal)
                    .ThenBy(e => e.Version, StringComparer.Ordinal)
                    .ThenBy(e => e.FullName, StringComparer.Ordinal)
                    .ToEquatableArray())
                .WithTrackingName(TrackingNames.RegistrationEntries);

            // [Subresource] classes: only the names the registration writes, so an edit to a handler stops here.
            var subresources = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.SubresourceAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => SubresourceParser.Parse(ctx, ct))
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.Subresource);

            var registrations = entries
                .Combine(subresources.Collect())
                .Select(static (pair, _) => RegistrationModel.Create(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Registration);

            context.RegisterSourceOutput(registrations, static (output, registration) =>
            {
                if (registration.Entries.Count > 0)
                {
                    output.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(registration));
                }
            });

            // Only discovery's facts of each Kind: a schema or serializer change does not reach it.
            var discovery = resolved
                .Select(static (kind, _) => kind.Discovery)
                .Collect()
                .Select(static (resources, _) => DiscoveryGroup.Create(resources))
                .WithTrackingName(TrackingNames.Discovery);

            // Emitted exactly when the registration is (both come from the resolved Kinds), which refers to it.
            context.RegisterSourceOutput(discovery, static (output, groups) =>
            {
                if (groups.Count > 0)
                {
                    output.AddSource(DiscoveryEmitter.HintName, DiscoveryEmitter.Emit(groups));
                }
            });
        }
    }

    /// <summary>Names of the pipeline steps, for incrementality tests.</summary>
    internal static class TrackingNames
    {
        public const string Model = "KindModel";
        public const string Set = "KindSet";
        public const string Resolved = "ResolvedKind";
        public const string RegistrationEntries = "RegistrationEntries";
        public const string Subresource = "SubresourceModel";
        public const string Registration = "Registration";
        public const string Discovery = "Discovery";
    }
}
