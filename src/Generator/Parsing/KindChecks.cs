using System.Collections.Generic;
using System.Linq;
using ApiBuilder.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>
    /// The rules a Kind class must follow, shared by the analyzers (which report them) and the
    /// generator (which skips Kinds that break any).
    /// </summary>
    internal static class KindChecks
    {
        /// <summary>APIB001 and APIB010: the class can carry generated members.</summary>
        public static void Declaration(INamedTypeSymbol type, IProblemSink sink)
        {
            var location = type.SourceLocation();
            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().ToList();
            if (declarations.Count > 0 && !declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                sink.Report(Descriptors.KindNotPartial, location, type.Name);
            }

            if (type.IsRecord || type.TypeKind != TypeKind.Class)
            {
                sink.Report(Descriptors.UnsupportedKindClass, location, type.Name, "must be a class, not a record or struct");
            }

            if (type.ContainingType is not null)
            {
                sink.Report(Descriptors.UnsupportedKindClass, location, type.Name, "must not be nested in another type");
            }

            if (type.IsGenericType)
            {
                sink.Report(Descriptors.UnsupportedKindClass, location, type.Name, "must not be generic");
            }

            if (type.IsStatic || type.IsAbstract)
            {
                sink.Report(Descriptors.UnsupportedKindClass, location, type.Name, "must not be static or abstract");
            }

            if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !baseType.Is(KnownNames.KubernetesObject))
            {
                sink.Report(Descriptors.UnsupportedKindClass, location, type.Name,
                    $"must derive from KubernetesObject or from nothing (the generator adds KubernetesObject), not from '{baseType.ToDisplayString()}'");
            }

            if (!type.IsStatic && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                sink.Report(Descriptors.UnsupportedKindClass, location, type.Name, "needs a public parameterless constructor to be read from JSON");
            }
        }

        /// <summary>APIB002–APIB005: group, version, Kind and resource names.</summary>
        public static void Names(INamedTypeSymbol type, AttributeData kind, IProblemSink sink)
        {
            var location = kind.Location() ?? type.SourceLocation();
            var names = KindNames.Read(type, kind);
            if (NameRules.GroupProblem(names.Group) is { } groupProblem)
            {
                sink.Report(Descriptors.InvalidGroup, location, names.Group, names.Kind, groupProblem);
            }

            if (!NameRules.IsVersion(names.Version))
            {
                sink.Report(Descriptors.InvalidVersion, location, names.Version, names.Kind);
            }

            if (!NameRules.IsKindName(names.Kind))
            {
                sink.Report(Descriptors.InvalidKindName, location, names.Kind);
            }

            if (!NameRules.IsResourceName(names.Plural))
            {
                sink.Report(Descriptors.InvalidResourceName, location, "plural", names.Plural, names.Kind);
            }

            if (!NameRules.IsResourceName(names.Singular))
            {
                sink.Report(Descriptors.InvalidResourceName, location, "singular", names.Singular, names.Kind);
            }

            foreach (var shortName in names.ShortNames.Where(s => !NameRules.IsResourceName(s)))
            {
                sink.Report(Descriptors.InvalidResourceName, location, "short name", shortName, names.Kind);
            }
        }

        /// <summary>APIB008: printer-column types and paths, and scale paths.</summary>
        public static void Paths(INamedTypeSymbol type, IProblemSink sink)
        {
            var kindName = type.Attribute(KnownNames.KindAttribute)?.NamedString("Kind") ?? type.Name;
            foreach (var column in type.GetAttributes().Where(a => a.AttributeClass.Is(KnownNames.PrinterColumnAttribute)))
            {
                var location = column.Location() ?? type.SourceLocation();
                var name = column.ConstructorString(0) ?? "";
                var path = column.ConstructorString(1) ?? "";
                if (JsonPathRules.ColumnPathProblem(path) is { } problem)
                {
                    sink.Report(Descriptors.InvalidJsonPath, location, "printer column path", path, kindName, problem);
                }

                var columnType = column.NamedString("Type") ?? "string";
                if (!JsonPathRules.ColumnTypes.Contains(columnType))
                {
                    sink.Report(Descriptors.InvalidJsonPath, location, "type of printer column", columnType, kindName,
                        "it must be one of " + string.Join(", ", JsonPathRules.ColumnTypes));
                }

                if (name.Length == 0)
                {
                    sink.Report(Descriptors.InvalidJsonPath, location, "printer column name", name, kindName, "the name is empty");
                }
            }

            if (type.Attribute(KnownNames.ScaleSubresourceAttribute) is { } scale)
            {
                var location = scale.Location() ?? type.SourceLocation();
                Scale(scale.ConstructorString(0) ?? "", "spec", false, "scale spec replicas path");
                Scale(scale.ConstructorString(1) ?? "", "status", false, "scale status replicas path");
                Scale(scale.NamedString("LabelSelectorPath") ?? "", "status", true, "scale label selector path");

                void Scale(string path, string root, bool optional, string what)
                {
                    // An empty required path is a conflict (APIB009), reported by Conflicts.
                    if (path.Length > 0 && JsonPathRules.ScalePathProblem(path, root, optional) is { } problem)
                    {
                        sink.Report(Descriptors.InvalidJsonPath, location, what, path, kindName, problem);
                    }
                }
            }
        }

        /// <summary>APIB009: attributes that contradict each other or stand without [Kind].</summary>
        public static void Conflicts(INamedTypeSymbol type, IProblemSink sink)
        {
            var kind = type.Attribute(KnownNames.KindAttribute);
            if (kind is null)
            {
                foreach (var attribute in type.GetAttributes().Where(a =>
                             a.AttributeClass.Is(KnownNames.PrinterColumnAttribute) || a.AttributeClass.Is(KnownNames.StatusSubresourceAttribute)
                             || a.AttributeClass.Is(KnownNames.ScaleSubresourceAttribute) || a.AttributeClass.Is(KnownNames.StorageVersionAttribute)
                             || a.AttributeClass.Is(KnownNames.StorageAttribute)))
                {
                    sink.Report(Descriptors.ConflictingAttributes, attribute.Location() ?? type.SourceLocation(),
                        $"[{attribute.AttributeClass!.Name.Replace("Attribute", "")}] on '{type.Name}' has no effect without [Kind]");
                }

                return;
            }

            var status = type.Attribute(KnownNames.StatusSubresourceAttribute);
            if (type.Attribute(KnownNames.ScaleSubresourceAttribute) is { } scale)
            {
                var location = scale.Location() ?? type.SourceLocation();
                if (string.IsNullOrEmpty(scale.ConstructorString(0)) || string.IsNullOrEmpty(scale.ConstructorString(1)))
                {
                    sink.Report(Descriptors.ConflictingAttributes, location,
                        $"[ScaleSubresource] on '{type.Name}' needs both the spec and the status replicas paths");
                }

                if (status is null)
                {
                    sink.Report(Descriptors.ConflictingAttributes, location,
                        $"[ScaleSubresource] on '{type.Name}' needs [StatusSubresource]: the observed replicas live in status");
                }
            }

            if (status is not null && !TypeClassifier.SerializedProperties(type).Any(p => p.Name == "Status"))
            {
                sink.Report(Descriptors.ConflictingAttributes, status.Location() ?? type.SourceLocation(),
                    $"[StatusSubresource] on '{type.Name}' needs a Status property");
            }

            var columns = new HashSet<string>();
            foreach (var column in type.GetAttributes().Where(a => a.AttributeClass.Is(KnownNames.PrinterColumnAttribute)))
            {
                var name = column.ConstructorString(0) ?? "";
                if (!columns.Add(name) || name is "Name" or "Age")
                {
                    sink.Report(Descriptors.ConflictingAttributes, column.Location() ?? type.SourceLocation(),
                        $"The printer column '{name}' of '{type.Name}' is declared twice (Name and Age are always present)");
                }
            }

            foreach (var property in TypeClassifier.SerializedProperties(type).Where(p => p.Name is "ApiVersion" or "Kind" or "Metadata"))
            {
                sink.Report(Descriptors.ConflictingAttributes, property.SourceLocation() ?? type.SourceLocation(),
                    $"'{type.Name}.{property.Name}' clashes with the member KubernetesObject provides");
            }
        }
    }
}
