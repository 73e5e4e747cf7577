using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>
    /// Reflection-free readers and writers for a Kind and the types it uses, on
    /// Utf8JsonReader/Utf8JsonWriter. Absent and null properties keep the value a new instance has;
    /// null values are not written.
    /// </summary>
    internal static class SerializerEmitter
    {
        public static void Emit(IndentedWriter w, KindModel kind)
        {
            w.Line(Names.GeneratedCode);
            w.Line("private static class ApiBuilderJson").Open();

            ReadObject(w, "ReadKind", kind.FullName, kind.HasTemplate, kind.Properties, isKind: true);
            w.Line();
            WriteObject(w, "WriteKind", kind.FullName, kind.Properties, isKind: true);
            for (var i = 0; i < kind.ObjectTypes.Count; i++)
            {
                var type = kind.ObjectTypes[i];
                w.Line();
                ReadObject(w, "ReadT" + i, type.FullName, type.HasTemplate, type.Properties, isKind: false);
                w.Line();
                WriteObject(w, "WriteT" + i, type.FullName, type.Properties, isKind: false);
            }

            for (var i = 0; i < kind.EnumTypes.Count; i++)
            {
                w.Line();
                Enum(w, i, kind.EnumTypes[i]);
            }

            w.Close();
        }

        private static void ReadObject(IndentedWriter w, string method, string type, bool template, EquatableArray<PropertyModel> properties, bool isKind)
        {
            w.Line($"public static {type} {method}(ref {Names.Reader} reader)").Open();
            w.Line($"{Names.GeneratedJson}.ExpectObject(ref reader);");
            var useTemplate = template && (isKind || properties.Count > 0);
            if (useTemplate)
            {
                w.Line($"var template = new {type}();");
            }

            if (isKind)
            {
                w.Line(useTemplate ? "var metadata = template.Metadata;" : "var metadata = new global::ApiBuilder.Runtime.Objects.ObjectMeta();");
            }

            for (var i = 0; i < properties.Count; i++)
            {
                w.Line(useTemplate ? $"var p{i} = template.{properties[i].CSharpName};" : $"{properties[i].Type.Declared} p{i} = default!;");
            }

            w.Line($"while ({Names.GeneratedJson}.NextProperty(ref reader))").Open();
            var first = true;
            if (isKind)
            {
                w.Line("if (reader.ValueTextEquals(\"metadata\"u8))").Open()
                    .Line("reader.Read();")
                    .Line($"if (reader.TokenType != {Names.TokenType}.Null)").Open()
                    .Line($"metadata = {Names.GeneratedJson}.ReadObjectMeta(ref reader);")
                    .Close()
                    .Close();
                first = false;
            }

            for (var i = 0; i < properties.Count; i++)
            {
                var p = properties[i];
                w.Line($"{(first ? "if" : "else if")} (reader.ValueTextEquals({JsonText.Utf8(p.JsonName)}))").Open();
                w.Line("reader.Read();");
                if (p.Type.Nullable)
                {
                    w.Line($"p{i} = reader.TokenType == {Names.TokenType}.Null ? null : {ReadExpr(p.Type, "reader", 0)};");
                }
                else
                {
                    w.Line($"if (reader.TokenType != {Names.TokenType}.Null)").Open()
                        .Line($"p{i} = {ReadExpr(p.Type, "reader", 0)};")
                        .Close();
                }

                w.Close();
                first = false;
            }

            if (first)
            {
                w.Line($"{Names.GeneratedJson}.SkipValue(ref reader);");
            }
            else
            {
                w.Line("else").Open().Line($"{Names.GeneratedJson}.SkipValue(ref reader);").Close();
            }

            w.Close();
            w.Line();
            w.Line($"return new {type}").Open();
            if (isKind)
            {
                w.Line("Metadata = metadata,");
            }

            for (var i = 0; i < properties.Count; i++)
            {
                w.Line($"{properties[i].CSharpName} = p{i},");
            }

            w.Close("};");
            w.Close();
        }

        private static void WriteObject(IndentedWriter w, string method, string type, EquatableArray<PropertyModel> properties, bool isKind)
        {
            w.Line($"public static void {method}({Names.Writer} writer, {type} value)").Open();
            w.Line("writer.WriteStartObject();");
            if (isKind)
            {
                w.Line("writer.WriteString(\"apiVersion\"u8, value.ApiVersion);")
                    .Line("writer.WriteString(\"kind\"u8, value.Kind);")
                    .Line("if (value.Metadata is { } metadata)").Open()
                    .Line("writer.WritePropertyName(\"metadata\"u8);")
                    .Line($"{Names.GeneratedJson}.WriteObjectMeta(writer, metadata);")
                    .Close();
            }

            for (var i = 0; i < properties.Count; i++)
            {
                var p = properties[i];
                var access = "value." + p.CSharpName;
                var name = $"writer.WritePropertyName({JsonText.Utf8(p.JsonName)});";
                if (p.Type.Kind == ShapeKind.JsonElement && !p.Type.Nullable)
                {
                    w.Line($"if ({access}.ValueKind != global::System.Text.Json.JsonValueKind.Undefined)").Open()
                        .Line(name).Line(WriteStatement(p.Type, "writer", access, 0)).Close();
                }
                else if (p.Type.IsValueType && !p.Type.Nullable)
                {
                    w.Line(name).Line(WriteStatement(p.Type, "writer", access, 0));
                }
                else
                {
                    w.Line($"if ({access} is {{ }} v{i})").Open()
                        .Line(name).Line(WriteStatement(p.Type, "writer", "v" + i, 0)).Close();
                }
            }

            w.Line("writer.WriteEndObject();");
            w.Close();
        }

        private static void Enum(IndentedWriter w, int index, EnumTypeModel e)
        {
            w.Line($"public static {e.FullName} ReadE{index}(ref {Names.Reader} reader)").Open();
            w.Line($"if (reader.TokenType == {Names.TokenType}.String)").Open();
            foreach (var member in e.Members)
            {
                w.Line($"if (reader.ValueTextEquals({JsonText.Utf8(member.JsonValue)})) return {e.FullName}.{member.CSharpName};");
            }

            w.Close();
            w.Line($"throw {Names.GeneratedJson}.UnknownEnumValue(reader.TokenType == {Names.TokenType}.String ? reader.GetString() : reader.TokenType.ToString(), {JsonText.Literal(e.Name)});");
            w.Close();
            w.Line();
            w.Line($"public static string NameE{index}({e.FullName} value) => value switch").Open();
            foreach (var member in e.Members)
            {
                w.Line($"{e.FullName}.{member.CSharpName} => {JsonText.Literal(member.JsonValue)},");
            }

            w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
            w.Close("};");
        }

        /// <summary>An expression reading one non-null value of <paramref name="shape"/> from the reader named <paramref name="r"/>.</summary>
        private static string ReadExpr(TypeShape shape, string r, int depth)
        {
            switch (shape.Kind)
            {
                case ShapeKind.String: return $"{Names.GeneratedJson}.ReadString(ref {r})";
                case ShapeKind.Boolean: return $"{r}.GetBoolean()";
                case ShapeKind.Byte: return $"{r}.GetByte()";
                case ShapeKind.SByte: return $"{r}.GetSByte()";
                case ShapeKind.Int16: return $"{r}.GetInt16()";
                case ShapeKind.UInt16: return $"{r}.GetUInt16()";
                case ShapeKind.Int32: return $"{r}.GetInt32()";
                case ShapeKind.UInt32: return $"{r}.GetUInt32()";
                case ShapeKind.Int64: return $"{r}.GetInt64()";
                case ShapeKind.UInt64: return $"{r}.GetUInt64()";
                case ShapeKind.Single: return $"{r}.GetSingle()";
                case ShapeKind.Double: return $"{r}.GetDouble()";
                case ShapeKind.Decimal: return $"{r}.GetDecimal()";
                case ShapeKind.DateTimeOffset: return $"{Names.GeneratedJson}.ReadTime(ref {r})";
                case ShapeKind.DateTime: return $"{Names.GeneratedJson}.ReadTime(ref {r}).UtcDateTime";
                case ShapeKind.Guid: return $"{r}.GetGuid()";
                case ShapeKind.Bytes: return $"{r}.GetBytesFromBase64()";
                case ShapeKind.Enum: return $"ReadE{shape.TypeIndex}(ref {r})";
                case ShapeKind.Object: return $"ReadT{shape.TypeIndex}(ref {r})";
                case ShapeKind.JsonNode: return $"{Names.GeneratedJson}.ReadNode(ref {r})!";
                case ShapeKind.JsonObject: return $"{Names.GeneratedJson}.ReadJsonObject(ref {r})";
                case ShapeKind.JsonElement: return $"global::System.Text.Json.JsonElement.ParseValue(ref {r})";
                case ShapeKind.List:
                case ShapeKind.Array:
                case ShapeKind.Map:
                    var element = shape.Element!;
                    var inner = "r" + (depth + 1);
                    var elementExpr = element.Nullable && element.Kind != ShapeKind.JsonNode
                        ? $"{inner}.TokenType == {Names.TokenType}.Null ? null : {ReadExpr(element, inner, depth + 1)}"
                        : element.Kind == ShapeKind.JsonNode ? $"{Names.GeneratedJson}.ReadNode(ref {inner})" + (element.Nullable ? "" : "!")
                        : ReadExpr(element, inner, depth + 1);
                    var method = shape.Kind == ShapeKind.Map ? "ReadMap" : "ReadList";
                    var call = $"{Names.GeneratedJson}.{method}<{element.Declared}>(ref {r}, static (ref {Names.Reader} {inner}) => {elementExpr})";
                    return shape.Kind == ShapeKind.Array ? call + ".ToArray()" : call;
            }

            return "default!";
        }

        /// <summary>A statement writing the non-null value <paramref name="v"/> of <paramref name="shape"/>.</summary>
        private static string WriteStatement(TypeShape shape, string w, string v, int depth)
        {
            switch (shape.Kind)
            {
                case ShapeKind.String:
                case ShapeKind.Guid:
                    return $"{w}.WriteStringValue({v});";
                case ShapeKind.Boolean: return $"{w}.WriteBooleanValue({v});";
                case ShapeKind.Byte:
                case ShapeKind.SByte:
                case ShapeKind.Int16:
                case ShapeKind.UInt16:
                    return $"{w}.WriteNumberValue((int){v});";
                case ShapeKind.Int32:
                case ShapeKind.UInt32:
                case ShapeKind.Int64:
                case ShapeKind.UInt64:
                case ShapeKind.Single:
                case ShapeKind.Double:
                case ShapeKind.Decimal:
                    return $"{w}.WriteNumberValue({v});";
                case ShapeKind.DateTime:
                case ShapeKind.DateTimeOffset:
                    return $"{Names.GeneratedJson}.WriteTime({w}, {v});";
                case ShapeKind.Bytes: return $"{w}.WriteBase64StringValue({v});";
                case ShapeKind.Enum: return $"{w}.WriteStringValue(NameE{shape.TypeIndex}({v}));";
                case ShapeKind.Object: return $"WriteT{shape.TypeIndex}({w}, {v});";
                case ShapeKind.JsonNode:
                case ShapeKind.JsonObject:
                case ShapeKind.JsonElement:
                    return $"{v}.WriteTo({w});";
                case ShapeKind.List:
                case ShapeKind.Array:
                case ShapeKind.Map:
                    var element = shape.Element!;
                    var innerWriter = "w" + (depth + 1);
                    var innerValue = "x" + (depth + 1);
                    string body;
                    if (element.Kind == ShapeKind.JsonElement)
                    {
                        var value = element.Nullable ? innerValue + ".Value" : innerValue;
                        var check = element.Nullable ? $"{innerValue}.HasValue && {value}.ValueKind != global::System.Text.Json.JsonValueKind.Undefined" : $"{value}.ValueKind != global::System.Text.Json.JsonValueKind.Undefined";
                        body = $"if ({check}) {{ {value}.WriteTo({innerWriter}); }} else {{ {innerWriter}.WriteNullValue(); }}";
                    }
                    else if (element.Nullable || !element.IsValueType)
                    {
                        var some = "y" + (depth + 1);
                        body = $"if ({innerValue} is {{ }} {some}) {{ {WriteStatement(element, innerWriter, some, depth + 1)} }} else {{ {innerWriter}.WriteNullValue(); }}";
                    }
                    else
                    {
                        body = WriteStatement(element, innerWriter, innerValue, depth + 1);
                    }

                    var method = shape.Kind == ShapeKind.Map ? "WriteMap" : "WriteList";
                    return $"{Names.GeneratedJson}.{method}<{element.Declared}>({w}, {v}, static ({innerWriter}, {innerValue}) => {{ {body} }});";
            }

            return "";
        }
    }
}
