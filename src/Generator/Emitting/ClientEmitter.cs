using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>The typed client of a Kind: a thin, named wrapper of ResourceClient with the right constructor for its scope.</summary>
    internal static class ClientEmitter
    {
        public static string ClassName(KindModel kind) => kind.ClassName + "Client";

        public static string Emit(KindModel kind)
        {
            var w = SourceHeader.Start(kind.Namespace);
            var name = ClassName(kind);
            var kindName = SourceHeader.Xml(kind.Kind);
            w.Line($"/// <summary>")
                .Line($"/// REST client for {kindName} objects of {SourceHeader.Xml(kind.GroupVersion)}: get, list, watch, create, update,")
                .Line($"/// update status, patch and delete. Errors are thrown as <see cref=\"global::ApiBuilder.Runtime.Errors.StatusException\"/>.")
                .Line($"/// </summary>")
                .Line(Names.GeneratedCode)
                .Line($"{(kind.IsPublic ? "public" : "internal")} sealed partial class {name} : global::ApiBuilder.Runtime.Client.ResourceClient<{kind.FullName}>")
                .Open();
            if (kind.ClusterScoped)
            {
                w.Line($"/// <summary>A client for the cluster-scoped {kindName} objects.</summary>")
                    .Line("/// <param name=\"http\">Client whose base address is the API server.</param>")
                    .Line($"public {name}(global::System.Net.Http.HttpClient http)")
                    .Line("    : base(http, null)")
                    .Line("{")
                    .Line("}");
            }
            else
            {
                w.Line($"/// <summary>A client for {kindName} objects in <paramref name=\"namespace\"/>, or in all namespaces when it is null.</summary>")
                    .Line("/// <param name=\"http\">Client whose base address is the API server.</param>")
                    .Line("/// <param name=\"namespace\">Namespace to work in.</param>")
                    .Line($"public {name}(global::System.Net.Http.HttpClient http, string? @namespace = null)")
                    .Line("    : base(http, @namespace)")
                    .Line("{")
                    .Line("}");
            }

            w.Close();
            return SourceHeader.End(w, kind.Namespace);
        }
    }
}
