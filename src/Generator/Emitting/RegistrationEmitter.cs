using System.Linq;
using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>The assembly's registration: <c>builder.AddGeneratedResources()</c>, the definitions and the controllers.</summary>
    internal static class RegistrationEmitter
    {
        public const string HintName = "ApiBuilder.GeneratedResources.g.cs";

        public static string Emit(EquatableArray<RegistrationEntry> entries)
        {
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
                .Line("/// The controller of every Kind. Recorded for the controller runtime to come: nothing invokes them yet.")
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
                .Line("/// Serves every Kind of this assembly, and adds an admission plugin running the typed hooks")
                .Line("/// (<c>IDefaulted</c>, <c>IValidated</c>) of the Kinds that implement them.")
                .Line("/// </summary>")
                .Line("/// <param name=\"builder\">The server being built.</param>")
                .Line("/// <returns>The same builder.</returns>")
                .Line("public static global::ApiBuilder.Runtime.Server.ApiServerBuilder AddGeneratedResources(this global::ApiBuilder.Runtime.Server.ApiServerBuilder builder)")
                .Open()
                .Line("global::System.ArgumentNullException.ThrowIfNull(builder);");
            foreach (var entry in entries)
            {
                w.Line($"builder.AddResource({entry.FullName}.Definition);");
            }

            foreach (var entry in entries.Where(e => e.HasHooks))
            {
                w.Line($"builder.AddAdmission(new global::ApiBuilder.Runtime.Objects.KindAdmission<{entry.FullName}>());");
            }

            w.Line("return builder;").Close();
            w.Close();
            return SourceHeader.End(w, "ApiBuilder.Runtime.Server");
        }

        private static string Qualified(RegistrationEntry entry, string name) =>
            "global::" + (entry.Namespace.Length == 0 ? name : entry.Namespace + "." + name);
    }
}
