using System.Linq;
using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>The generated part of a Kind class: apiVersion and kind, its ResourceDefinition with the schema, and JSON (de)serialization.</summary>
    internal static class KindEmitter
    {
        public static string Emit(ResolvedKind resolved)
        {
            var kind = resolved.Model;
            var w = SourceHeader.Start(kind.Namespace);
            w.Line($"partial class {kind.ClassName} : global::ApiBuilder.Runtime.Objects.KubernetesObject, global::ApiBuilder.Runtime.Objects.IKind<{kind.FullName}>").Open();

            w.Line($"/// <summary><c>{SourceHeader.Xml(kind.GroupVersion)}</c>.</summary>")
                .Line(Names.GeneratedCode)
                .Line($"public override string ApiVersion => {JsonText.Literal(kind.GroupVersion)};")
                .Line()
                .Line($"/// <summary><c>{SourceHeader.Xml(kind.Kind)}</c>.</summary>")
                .Line(Names.GeneratedCode)
                .Line($"public override string Kind => {JsonText.Literal(kind.Kind)};")
                .Line();

            Definition(w, resolved);

            w.Line()
                .Line($"/// <summary>Reads a {SourceHeader.Xml(kind.Kind)} without reflection; the reader is on the object's first token.</summary>")
                .Line(Names.GeneratedCode)
                .Line($"public static {kind.FullName} ReadJson(ref {Names.Reader} reader) => ApiBuilderJson.ReadKind(ref reader);")
                .Line()
                .Line($"/// <summary>Writes a {SourceHeader.Xml(kind.Kind)} without reflection, with apiVersion, kind and metadata.</summary>")
                .Line(Names.GeneratedCode)
                .Line($"public static void WriteJson({Names.Writer} writer, {kind.FullName} value) => ApiBuilderJson.WriteKind(writer, value);")
                .Line();

            SerializerEmitter.Emit(w, kind);
            w.Close();
            return SourceHeader.End(w, kind.Namespace);
        }

        private static void Definition(IndentedWriter w, ResolvedKind resolved)
        {
            var kind = resolved.Model;
            const string resources = "global::ApiBuilder.Runtime.Resources";
            w.Line($"/// <summary>How the server serves {SourceHeader.Xml(kind.Kind)} in {SourceHeader.Xml(kind.GroupVersion)}, with the OpenAPI schema computed from this class.</summary>")
                .Line(Names.GeneratedCode)
                .Line($"public static {Names.ResourceDefinition} Definition {{ get; }} = new {Names.ResourceDefinition}").Open()
                .Line($"Group = {JsonText.Literal(kind.Group)},")
                .Line($"Version = {JsonText.Literal(kind.Version)},")
                .Line($"Kind = {JsonText.Literal(kind.Kind)},")
                .Line($"Plural = {JsonText.Literal(kind.Plural)},")
                .Line($"Singular = {JsonText.Literal(kind.Singular)},")
                .Line($"Scope = {resources}.ResourceScope.{(kind.ClusterScoped ? "Cluster" : "Namespaced")},")
                .Line($"ShortNames = {StringArray(kind.ShortNames)},")
                .Line($"Categories = {StringArray(kind.Categories)},");
            if (kind.PrinterColumns.Count == 0)
            {
                w.Line($"PrinterColumns = global::System.Array.Empty<{resources}.PrinterColumn>(),");
            }
            else
            {
                w.Line("PrinterColumns = new[]").Open();
                foreach (var c in kind.PrinterColumns)
                {
                    w.Line($"new {resources}.PrinterColumn({JsonText.Literal(c.Name)}, {JsonText.Literal(c.Type)}, {JsonText.Literal(c.JsonPath)}) " +
                           $"{{ Format = {JsonText.Literal(c.Format)}, Description = {JsonText.Literal(c.Description)}, Priority = {c.Priority} }},");
                }

                w.Close("},");
            }

            if (kind.SelectableFields.Count > 0)
            {
                w.Line($"SelectableFields = {StringArray(kind.SelectableFields)},");
            }

            w.Line($"HasStatusSubresource = {(kind.StatusSubresource ? "true" : "false")},");
            if (kind.Scale is { } scale)
            {
                w.Line($"Scale = new {resources}.ScaleSubresource({JsonText.Literal(scale.SpecReplicasPath)}, {JsonText.Literal(scale.StatusReplicasPath)}, " +
                       $"{(scale.LabelSelectorPath is null ? "null" : JsonText.Literal(scale.LabelSelectorPath))}),");
            }

            w.Line($"IsStorageVersion = {(resolved.IsStorageVersion ? "true" : "false")},");
            if (resolved.HasConverter)
            {
                w.Line($"Converter = {Names.Conversions}.{Names.ConverterMember(kind.Group, kind.Kind)},");
            }

            w.Line($"Description = {(kind.Description is null ? "null" : JsonText.Literal(kind.Description))},")
                .Line("Schema = (global::System.Text.Json.Nodes.JsonObject)global::System.Text.Json.Nodes.JsonNode.Parse(")
                .Line("    " + JsonText.Literal(SchemaEmitter.KindSchema(kind)) + ")!,")
                .Close("};");
        }

        private static string StringArray(EquatableArray<string> values) =>
            values.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", values.Select(JsonText.Literal)) + " }";
    }
}
