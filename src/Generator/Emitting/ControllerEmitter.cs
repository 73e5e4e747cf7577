using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>The controller stub of a Kind, which the user completes in their own part of the partial class.</summary>
    internal static class ControllerEmitter
    {
        public static string ClassName(KindModel kind) => kind.ClassName + "Controller";

        public static string Emit(KindModel kind)
        {
            var w = SourceHeader.Start(kind.Namespace);
            var kindName = SourceHeader.Xml(kind.Kind);
            w.Line("/// <summary>")
                .Line($"/// The controller of {kindName}. Complete it in your own part of this partial class with")
                .Line($"/// <c>public Task&lt;ReconcileResult&gt; ReconcileAsync({SourceHeader.Xml(kind.ClassName)} obj, CancellationToken cancellationToken)</c>; until then it does nothing.")
                .Line("/// It is listed in <c>GeneratedResources.Controllers</c>; <c>builder.AddControllers(GeneratedResources.Controllers)</c> runs it once implemented.")
                .Line("/// </summary>")
                .Line($"{(kind.IsPublic ? "public" : "internal")} partial class {ClassName(kind)} : global::ApiBuilder.Runtime.Objects.IReconciler<{kind.FullName}>")
                .Open()
                .Close();
            return SourceHeader.End(w, kind.Namespace);
        }
    }
}
