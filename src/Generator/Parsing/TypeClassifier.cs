using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ApiBuilder.Generator.Diagnostics;
using ApiBuilder.Generator.Emitting;
using ApiBuilder.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>
    /// Maps the properties of a Kind, and of every type reachable from them, to
    /// <see cref="TypeShape"/>s; collects the object and enum types into tables indexed by the
    /// shapes, and reports types it cannot map (APIB007).
    /// </summary>
    internal sealed class TypeClassifier
    {
        private readonly IProblemSink sink;
        private readonly CancellationToken cancellationToken;
        private readonly List<ObjectTypeModel?> objects = new();
        private readonly Dictionary<ITypeSymbol, int> objectIndex = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ITypeSymbol> inProgress = new(SymbolEqualityComparer.Default);
        private readonly List<EnumTypeModel> enums = new();
        private readonly Dictionary<ITypeSymbol, int> enumIndex = new(SymbolEqualityComparer.Default);

        public TypeClassifier(IProblemSink sink, CancellationToken cancellationToken)
        {
            this.sink = sink;
            this.cancellationToken = cancellationToken;
        }

        public EquatableArray<ObjectTypeModel> ObjectTypes => objects.Select(o => o!).ToEquatableArray();

        public EquatableArray<EnumTypeModel> EnumTypes => enums.ToEquatableArray();

        /// <summary>The serialized properties of a type: public, readable and settable (or init), not [JsonIgnore]; base members first.</summary>
        public static List<IPropertySymbol> SerializedProperties(INamedTypeSymbol type)
        {
            var levels = new List<List<IPropertySymbol>>();
            var seen = new HashSet<string>();
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && !t.Is(KnownNames.KubernetesObject); t = t.BaseType)
            {
                var level = new List<IPropertySymbol>();
                foreach (var property in t.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
                        || !seen.Add(property.Name))
                    {
                        continue;
                    }

                    if (property.SetMethod is { DeclaredAccessibility: Accessibility.Public } && !property.HasAttribute(KnownNames.JsonIgnore))
                    {
                        level.Add(property);
                    }
                }

                levels.Add(level);
            }

            levels.Reverse();
            return levels.SelectMany(l => l).ToList();
        }

        public static bool HasRequiredMembers(INamedTypeSymbol type)
        {
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                if (t.GetMembers().Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Maps the serialized properties of <paramref name="type"/>; false when one cannot be mapped.</summary>
        public bool TryProperties(INamedTypeSymbol type, out EquatableArray<PropertyModel> properties)
        {
            var ok = true;
            var result = new List<PropertyModel>();
            foreach (var property in SerializedProperties(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var shape = Classify(property.Type, property.NullableAnnotation, property, type);
                if (shape is null)
                {
                    ok = false;
                    continue;
                }

                var jsonName = property.Attribute(KnownNames.JsonPropertyName)?.ConstructorString(0) ?? JsonNaming.CamelCase(property.Name);
                var description = property.Attribute(KnownNames.Description)?.ConstructorString(0)
                    ?? DocComments.Summary(property, cancellationToken);
                var required = property.IsRequired || property.HasAttribute(KnownNames.Required);
                var constraints = ReadConstraints(property, shape, out var misused);
                ok &= !misused;
                result.Add(new PropertyModel(Identifier(property.Name), jsonName, shape, required, description, constraints));
            }

            properties = result.ToEquatableArray();
            return ok;
        }

        private TypeShape? Classify(ITypeSymbol type, NullableAnnotation annotation, IPropertySymbol property, INamedTypeSymbol owner)
        {
            var nullable = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                type = wrapper.TypeArguments[0];
                nullable = true;
            }
            else if (!type.IsValueType && annotation == NullableAnnotation.Annotated)
            {
                nullable = true;
            }

            var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).GlobalName();
            TypeShape Simple(ShapeKind kind) => new(kind, name, nullable, null, -1);

            switch (type.SpecialType)
            {
                case SpecialType.System_String: return Simple(ShapeKind.String);
                case SpecialType.System_Boolean: return Simple(ShapeKind.Boolean);
                case SpecialType.System_Byte: return Simple(ShapeKind.Byte);
                case SpecialType.System_SByte: return Simple(ShapeKind.SByte);
                case SpecialType.System_Int16: return Simple(ShapeKind.Int16);
                case SpecialType.System_UInt16: return Simple(ShapeKind.UInt16);
                case SpecialType.System_Int32: return Simple(ShapeKind.Int32);
                case SpecialType.System_UInt32: return Simple(ShapeKind.UInt32);
                case SpecialType.System_Int64: return Simple(ShapeKind.Int64);
                case SpecialType.System_UInt64: return Simple(ShapeKind.UInt64);
                case SpecialType.System_Single: return Simple(ShapeKind.Single);
                case SpecialType.System_Double: return Simple(ShapeKind.Double);
                case SpecialType.System_Decimal: return Simple(ShapeKind.Decimal);
                case SpecialType.System_DateTime: return Simple(ShapeKind.DateTime);
            }

            if (type.Is("System.DateTimeOffset"))
            {
                return Simple(ShapeKind.DateTimeOffset);
            }

            if (type.Is("System.Guid"))
            {
                return Simple(ShapeKind.Guid);
            }

            if (type.Is("System.Text.Json.Nodes.JsonNode"))
            {
                return Simple(ShapeKind.JsonNode);
            }

            if (type.Is("System.Text.Json.Nodes.JsonObject"))
            {
                return Simple(ShapeKind.JsonObject);
            }

            if (type.Is("System.Text.Json.JsonElement"))
            {
                return Simple(ShapeKind.JsonElement);
            }

            if (type is IArrayTypeSymbol array)
            {
                if (array.Rank != 1)
                {
                    return Unsupported(property, owner, type, "only one-dimensional arrays are supported");
                }

                if (array.ElementType.SpecialType == SpecialType.System_Byte)
                {
                    return Simple(ShapeKind.Bytes);
                }

                var element = Classify(array.ElementType, array.ElementNullableAnnotation, property, owner);
                return element is null ? null : new TypeShape(ShapeKind.Array, name, nullable, element, -1);
            }

            if (type is INamedTypeSymbol named)
            {
                var definition = named.OriginalDefinition.ToDisplayString();
                switch (definition)
                {
                    case "System.Collections.Generic.List<T>":
                    case "System.Collections.Generic.IList<T>":
                    case "System.Collections.Generic.ICollection<T>":
                    case "System.Collections.Generic.IEnumerable<T>":
                    case "System.Collections.Generic.IReadOnlyList<T>":
                    case "System.Collections.Generic.IReadOnlyCollection<T>":
                    {
                        var element = Classify(named.TypeArguments[0], named.TypeArgumentNullableAnnotations[0], property, owner);
                        return element is null ? null : new TypeShape(ShapeKind.List, name, nullable, element, -1);
                    }

                    case "System.Collections.Generic.Dictionary<TKey, TValue>":
                    case "System.Collections.Generic.IDictionary<TKey, TValue>":
                    case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                    {
                        if (named.TypeArguments[0].SpecialType != SpecialType.System_String)
                        {
                            return Unsupported(property, owner, type, "map keys must be strings (JSON object keys)");
                        }

                        var value = Classify(named.TypeArguments[1], named.TypeArgumentNullableAnnotations[1], property, owner);
                        return value is null ? null : new TypeShape(ShapeKind.Map, name, nullable, value, -1);
                    }
                }

                if (named.TypeKind == TypeKind.Enum)
                {
                    return new TypeShape(ShapeKind.Enum, name, nullable, null, EnumIndex(named));
                }

                if (named.TypeKind is TypeKind.Class or TypeKind.Struct)
                {
                    return ClassifyObject(named, name, nullable, property, owner);
                }
            }

            return Unsupported(property, owner, type, "use a string, number, bool, enum, DateTimeOffset, a class with properties, a list, a Dictionary<string, T> or JsonNode");
        }

        private TypeShape? ClassifyObject(INamedTypeSymbol type, string name, bool nullable, IPropertySymbol property, INamedTypeSymbol owner)
        {
            var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
            if (ns == "System" || ns.StartsWith("System.") || ns.StartsWith("Microsoft."))
            {
                return Unsupported(property, owner, type, "framework types other than the primitive, collection and JsonNode types have no JSON schema; use a string or a class of your own");
            }

            if (type.IsAbstract || type.IsStatic || type.Is(KnownNames.KubernetesObject))
            {
                return Unsupported(property, owner, type, "abstract types cannot be created when reading JSON");
            }

            if (type.TypeKind == TypeKind.Class
                && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return Unsupported(property, owner, type, "it needs a parameterless constructor");
            }

            if (inProgress.Contains(type))
            {
                return Unsupported(property, owner, type, "the type contains itself; structural schemas cannot describe recursive types");
            }

            if (objectIndex.TryGetValue(type, out var known))
            {
                return new TypeShape(ShapeKind.Object, name, nullable, null, known) { StructObject = type.IsValueType };
            }

            var index = objects.Count;
            objects.Add(null);
            objectIndex[type] = index;
            inProgress.Add(type);
            var ok = TryProperties(type, out var properties);
            inProgress.Remove(type);
            var description = type.Attribute(KnownNames.Description)?.ConstructorString(0) ?? DocComments.Summary(type, cancellationToken);
            objects[index] = new ObjectTypeModel(name, description, !HasRequiredMembers(type), properties);
            return ok ? new TypeShape(ShapeKind.Object, name, nullable, null, index) { StructObject = type.IsValueType } : null;
        }

        private int EnumIndex(INamedTypeSymbol type)
        {
            if (enumIndex.TryGetValue(type, out var known))
            {
                return known;
            }

            var members = new List<EnumMemberModel>();
            var values = new HashSet<object>();
            foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.HasConstantValue && field.ConstantValue is { } value && values.Add(value))
                {
                    var json = field.Attribute(KnownNames.JsonStringEnumMemberName)?.ConstructorString(0) ?? field.Name;
                    members.Add(new EnumMemberModel(Identifier(field.Name), json));
                }
            }

            var description = type.Attribute(KnownNames.Description)?.ConstructorString(0) ?? DocComments.Summary(type, cancellationToken);
            enums.Add(new EnumTypeModel(type.GlobalName(), type.Name, description, members.ToEquatableArray()));
            enumIndex[type] = enums.Count - 1;
            return enums.Count - 1;
        }

        private TypeShape? Unsupported(IPropertySymbol property, INamedTypeSymbol owner, ITypeSymbol type, string reason)
        {
            sink.Report(Descriptors.UnsupportedPropertyType, property.SourceLocation() ?? owner.SourceLocation(),
                property.Name, owner.Name, type.ToDisplayString(), reason);
            return null;
        }

        private Constraints ReadConstraints(IPropertySymbol property, TypeShape shape, out bool misused)
        {
            misused = false;
            var constraints = Constraints.None;
            foreach (var attribute in property.GetAttributes())
            {
                var args = attribute.ConstructorArguments;
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case KnownNames.Range when args.Length >= 2:
                        var offset = args.Length == 3 ? 1 : 0;
                        constraints = constraints with
                        {
                            Minimum = NumberLiteral(args[offset].Value),
                            Maximum = NumberLiteral(args[offset + 1].Value),
                            ExclusiveMinimum = attribute.Named("MinimumIsExclusive")?.Value is true,
                            ExclusiveMaximum = attribute.Named("MaximumIsExclusive")?.Value is true,
                        };
                        break;
                    case KnownNames.MinLength when args.Length == 1 && args[0].Value is int min:
                        constraints = constraints with { MinLength = min };
                        break;
                    case KnownNames.MaxLength when args.Length == 1 && args[0].Value is int max:
                        constraints = constraints with { MaxLength = max };
                        break;
                    case KnownNames.StringLength when args.Length == 1 && args[0].Value is int max:
                        constraints = constraints with
                        {
                            MaxLength = max,
                            MinLength = attribute.Named("MinimumLength")?.Value is int minimum && minimum > 0 ? minimum : constraints.MinLength,
                        };
                        break;
                    case KnownNames.RegularExpression when args.Length == 1 && args[0].Value is string pattern:
                        constraints = constraints with { Pattern = Anchored(pattern) };
                        break;
                    case KnownNames.DefaultValue when args.Length == 1:
                        constraints = constraints with { Default = DefaultLiteral(args[0], shape) };
                        break;
                    case KnownNames.ListTypeAttribute when args.Length >= 1 && args[0].Value is int listType:
                        var listed = ListTypeConstraints(constraints, property, shape, listType, args.Length > 1 ? args[1] : default, attribute);
                        misused |= listed is null;
                        constraints = listed ?? constraints;
                        break;
                    case KnownNames.MapTypeAttribute when args.Length == 1 && args[0].Value is int mapType:
                        if (shape.Kind is not (ShapeKind.Object or ShapeKind.Map or ShapeKind.JsonObject))
                        {
                            ReportListOrMapType("MapType", property, attribute, "it applies to objects and dictionaries only");
                            misused = true;
                            break;
                        }

                        constraints = constraints with { MapType = mapType == 1 ? "atomic" : "granular" };
                        break;
                }
            }

            return constraints;
        }

        /// <summary>
        /// <c>[ListType]</c>: on lists only; a set of scalars; a map of objects keyed by required scalar properties that
        /// exist on the item type (by JSON name), as kube-apiserver requires of a CRD's list-map keys.
        /// </summary>
        private Constraints? ListTypeConstraints(Constraints constraints, IPropertySymbol property, TypeShape shape, int listType, TypedConstant keysArgument, AttributeData attribute)
        {
            if (shape.Kind is not (ShapeKind.List or ShapeKind.Array) || shape.Element is null)
            {
                ReportListOrMapType("ListType", property, attribute, "it applies to lists and arrays only");
                return null;
            }

            var keys = keysArgument.Kind == TypedConstantKind.Array && !keysArgument.IsNull
                ? keysArgument.Values.Select(v => v.Value as string).ToList()
                : new List<string?>();
            switch (listType)
            {
                case 0 or 1 when keys.Count > 0:
                    ReportListOrMapType("ListType", property, attribute, "map keys are for ListType.Map only");
                    return null;
                case 0:
                    return constraints with { ListType = "atomic" };
                case 1:
                    if (shape.Element.Kind is ShapeKind.Object or ShapeKind.Map or ShapeKind.List or ShapeKind.Array or ShapeKind.JsonNode or ShapeKind.JsonObject or ShapeKind.JsonElement)
                    {
                        ReportListOrMapType("ListType", property, attribute, "the items of a set must be scalars (strings, numbers, booleans or enums)");
                        return null;
                    }

                    return constraints with { ListType = "set" };
                case 2:
                    break;
                default:
                    return constraints;
            }

            if (keys.Count == 0 || keys.Any(k => string.IsNullOrEmpty(k)) || keys.Distinct().Count() != keys.Count)
            {
                ReportListOrMapType("ListType", property, attribute, "ListType.Map needs one or more distinct key property names");
                return null;
            }

            var itemType = property.Type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { TypeArguments.Length: 1 } list => list.TypeArguments[0],
                _ => null,
            };
            if (shape.Element.Kind != ShapeKind.Object || itemType is not INamedTypeSymbol item)
            {
                ReportListOrMapType("ListType", property, attribute, "the items of a ListType.Map list must be objects");
                return null;
            }

            foreach (var key in keys)
            {
                var keyProperty = SerializedProperties(item).FirstOrDefault(p =>
                    (p.Attribute(KnownNames.JsonPropertyName)?.ConstructorString(0) ?? JsonNaming.CamelCase(p.Name)) == key);
                if (keyProperty is null)
                {
                    ReportListOrMapType("ListType", property, attribute, $"map key '{key}' is not a property of '{item.Name}' (give its JSON name)");
                    return null;
                }

                if (!keyProperty.IsRequired && !keyProperty.HasAttribute(KnownNames.Required))
                {
                    ReportListOrMapType("ListType", property, attribute, $"map key '{key}' must be a required property of '{item.Name}' (required or [Required])");
                    return null;
                }

                var keyType = keyProperty.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : keyProperty.Type;
                if (!(keyType.SpecialType is SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Int16 or SpecialType.System_Int32
                    or SpecialType.System_Int64 or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_Byte || keyType.TypeKind == TypeKind.Enum))
                {
                    ReportListOrMapType("ListType", property, attribute, $"map key '{key}' must be a string, integer, boolean or enum property");
                    return null;
                }
            }

            return constraints with { ListType = "map", ListMapKeys = JsonText.Array(keys.Select(k => k!)) };
        }

        private void ReportListOrMapType(string attributeName, IPropertySymbol property, AttributeData attribute, string reason) =>
            sink.Report(Descriptors.ListOrMapType,
                attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? property.SourceLocation() ?? property.ContainingType.SourceLocation(),
                attributeName, property.Name, property.ContainingType.Name, reason);

        /// <summary>DataAnnotations match the whole value; OpenAPI patterns match anywhere, so anchor them.</summary>
        private static string Anchored(string pattern) =>
            pattern.StartsWith("^") && pattern.EndsWith("$") && !pattern.EndsWith("\\$") ? pattern : "^(?:" + pattern + ")$";

        private static string? NumberLiteral(object? value) => value switch
        {
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };

        private string? DefaultLiteral(TypedConstant constant, TypeShape shape)
        {
            if (constant.IsNull || constant.Kind == TypedConstantKind.Array)
            {
                return null;
            }

            if (shape.Kind == ShapeKind.Enum && constant.Type?.TypeKind == TypeKind.Enum)
            {
                var member = ((INamedTypeSymbol)constant.Type).GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value));
                return member is null ? null : JsonText.Quote(member.Attribute(KnownNames.JsonStringEnumMemberName)?.ConstructorString(0) ?? member.Name);
            }

            return constant.Value switch
            {
                string s => JsonText.Quote(s),
                bool b => b ? "true" : "false",
                char c => JsonText.Quote(c.ToString()),
                float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                System.IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
