using System.Linq;
using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>The assembly's registration: <c>builder.AddGeneratedResources()</c> (Kinds, their [Storage] and [Subresource] classes), the definitions and the controllers.</summary>
    internal static class RegistrationEmitter
    {
        public const string HintName = "ApiBuilder.GeneratedResources.g.cs";

        public static string Emit(RegistrationModel registration)
        {
            var entries = registration.Entries;
            var w = SourceHeader.Start("ApiBuilder.Runtime.Server");
            w.Line("/// <summary>The Kinds declared with <c>[Kind]</c> in this assembly.</summary>")
                .Line(Names.GeneratedCode)
                .Line("internal static class GeneratedResources")
                .Open();

            w.Line("/// <summary>Every Kind of this assembly, ordered by group, Kind and version.</summary>")
                .Line("public static global::System.Collections.Generic.IReadOnlyList<global::ApiBuilder.Runtime.Resources.ResourceDefinition> Definitions { get; } = new global::ApiBuilder.Runtime.Resources.ResourceDefinition[]")
                .Open();
            foreach (var entry in entries)
            {
                w.Line($"{entry.FullName}.Definition,");
            }

            w.Close("};").Line();

            w.Line("/// <summary>")
                .Line("/// The controller of every Kind; those whose <c>ReconcileAsync</c> is written run in the server's process.")
                .Line("/// </summary>")
                .Line("public static global::System.Collections.Generic.IReadOnlyList<global::ApiBuilder.Runtime.Objects.ControllerRegistration> Controllers { get; } = new global::ApiBuilder.Runtime.Objects.ControllerRegistration[]")
                .Open();
            foreach (var entry in entries)
            {
                var controller = Qualified(entry, entry.ClassName + "Controller");
                w.Line($"global::ApiBuilder.Runtime.Objects.ControllerRegistration.Create<{entry.FullName}, {controller}>(),");
            }

            w.Close("};").Line();

            w.Line("/// <summary>")
                .Line("/// Serves every Kind of this assembly (from the class its <c>[Storage]</c> attribute names, if any) and the")
                .Line("/// subresources marked <c>[Subresource]</c>, adds an admission plugin running the typed hooks (<c>IDefaulted</c>,")
                .Line("/// <c>IValidated</c>) of the Kinds that implement them, runs the controllers whose <c>ReconcileAsync</c> is")
                .Line("/// written (<see cref=\"Controllers\"/>), and offers the precomputed discovery documents of their groups")
                .Line("/// (<c>GeneratedDiscovery</c>).")
                .Line("/// </summary>")
                .Line("/// <param name=\"builder\">The server being built.</param>")
                .Line("/// <returns>The same builder.</returns>")
                .Line("public static global::ApiBuilder.Runtime.Server.ApiServerBuilder AddGeneratedResources(this global::ApiBuilder.Runtime.Server.ApiServerBuilder builder)")
                .Open()
                .Line("global::System.ArgumentNullException.ThrowIfNull(builder);");
            foreach (var entry in entries)
            {
                w.Line($"builder.AddResource({entry.FullName}.Definition);");
                if (entry.Storage is { } storage)
                {
                    // IReadOnlyStorage<K>: the generic overload, which finds K.Definition itself; IStorage: every version of the Kind.
                    w.Line(storage.ReadOnly
                        ? $"builder.AddResource(new {storage.FullName}());"
                        : $"builder.AddResource({entry.FullName}.Definition, new {storage.FullName}());");
                }
            }

            foreach (var subresource in registration.Subresources)
            {
                w.Line($"builder.AddSubresource({subresource.KindFullName}.Definition, {subresource.FullName}.Definition);");
            }

            foreach (var entry in entries.Where(e => e.HasHooks))
            {
                w.Line($"builder.AddAdmission(new global::ApiBuilder.Runtime.Objects.KindAdmission<{entry.FullName}>());");
            }

            w.Line("builder.AddControllers(Controllers);");
            w.Line("foreach (var discovery in global::ApiBuilder.Runtime.Server.GeneratedDiscovery.Groups)")
                .Open()
                .Line("builder.AddPrecomputedDiscovery(discovery);")
                .Close();

            w.Line("return builder;").Close();
            w.Close();
            Conversions(w, entries);
            return SourceHeader.End(w, "ApiBuilder.Runtime.Server");
        }

        /// <summary>
        /// One converter per Kind with versions that implement <c>IConvertsToStorage</c>, shared by every
        /// version's definition: any version → storage version → any version, through the typed classes.
        /// Versions without the interface have the storage version's shape and convert by apiVersion alone.
        /// </summary>
        private static void Conversions(IndentedWriter w, EquatableArray<RegistrationEntry> entries)
        {
            var kinds = entries.Where(e => e.HasConverter).GroupBy(e => (e.Group, e.Kind)).ToList();
            if (kinds.Count == 0)
            {
                return;
            }

            w.Line()
                .Line("/// <summary>")
                .Line("/// Conversion between the versions of the Kinds served in several versions, through each Kind's")
                .Line("/// storage version; one converter per Kind, the <c>Converter</c> of every version's definition.")
                .Line("/// </summary>")
                .Line(Names.GeneratedCode)
                .Line("internal static class GeneratedConversions")
                .Open();
            var first = true;
            foreach (var kind in kinds)
            {
                var storage = kind.FirstOrDefault(e => e.IsStorageVersion);
                var spokes = kind.Where(e => e.ConvertsToStorage).ToList();
                if (storage is null || spokes.Count == 0)
                {
                    continue; // KindSet gives a converter only to Kinds with both
                }

                var same = kind.Where(e => !e.IsStorageVersion && !e.ConvertsToStorage).Select(e => e.Version).ToList();
                if (!first)
                {
                    w.Line();
                }

                first = false;
                w.Line("/// <summary>")
                    .Line($"/// {SourceHeader.Xml(kind.Key.Kind)} ({SourceHeader.Xml(kind.Key.Group)}): stored in {SourceHeader.Xml(storage.Version)}; " +
                          $"{SourceHeader.Xml(string.Join(", ", spokes.Select(e => e.Version)))} convert{(spokes.Count == 1 ? "s" : "")} through <c>IConvertsToStorage</c>" +
                          (same.Count == 0 ? "." : $"; {SourceHeader.Xml(string.Join(", ", same))} ha{(same.Count == 1 ? "s" : "ve")} the storage version's shape."))
                    .Line("/// Metadata is carried over unchanged.")
                    .Line("/// </summary>")
                    .Line($"public static {Names.ObjectConverter} {Names.ConverterMember(kind.Key.Group, kind.Key.Kind)} {{ get; }} =")
                    .Line($"    new global::ApiBuilder.Runtime.Objects.KindConverter<{storage.FullName}>()");
                foreach (var spoke in spokes)
                {
                    w.Line($"        .AddVersion<{spoke.FullName}>()");
                }

                w.Line("        .Convert;");
            }

            w.Close();
        }

        private static string Qualified(RegistrationEntry entry, string name) =>
            "global::" + (entry.Namespace.Length == 0 ? name : entry.Namespace + "." + name);
    }
}
