using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>The diagnostics of ApiBuilder's analyzers. IDs are stable; see docs/diagnostics.md.</summary>
    internal static class Descriptors
    {
        private const string Category = "ApiBuilder";

        public static readonly DiagnosticDescriptor KindNotPartial = Error("APIB001", "Kind class must be partial",
            "The Kind class '{0}' must be declared partial so that ApiBuilder can generate its serialization and registration");

        public static readonly DiagnosticDescriptor InvalidGroup = Error("APIB002", "Invalid API group",
            "The API group '{0}' of Kind '{1}' is invalid: {2}");

        public static readonly DiagnosticDescriptor InvalidVersion = Error("APIB003", "Invalid API version",
            "The API version '{0}' of Kind '{1}' is invalid: it must look like v1, v2beta1 or v1alpha2 (v<N>, optionally followed by alpha<M> or beta<M>)");

        public static readonly DiagnosticDescriptor InvalidKindName = Error("APIB004", "Invalid Kind name",
            "The Kind name '{0}' is invalid: it must be PascalCase letters and digits, starting with an upper-case letter");

        public static readonly DiagnosticDescriptor InvalidResourceName = Error("APIB005", "Invalid resource name",
            "The {0} '{1}' of Kind '{2}' is invalid: it must be a lower-case DNS label (a-z, 0-9 and '-', at most 63 characters)");

        public static readonly DiagnosticDescriptor DuplicateResource = Error("APIB006", "Duplicate resource in a group-version",
            "The {0} '{1}' is declared by more than one Kind class in {2}: {3}", compilationEnd: true);

        public static readonly DiagnosticDescriptor UnsupportedPropertyType = Error("APIB007", "Unsupported property type",
            "Property '{0}' of '{1}' has type '{2}', which ApiBuilder cannot map to JSON and OpenAPI: {3}");

        public static readonly DiagnosticDescriptor InvalidJsonPath = Error("APIB008", "Invalid printer column or scale path",
            "The {0} '{1}' of Kind '{2}' is invalid: {3}");

        public static readonly DiagnosticDescriptor ConflictingAttributes = Error("APIB009", "Conflicting or misplaced ApiBuilder attributes",
            "{0}");

        public static readonly DiagnosticDescriptor UnsupportedKindClass = Error("APIB010", "Unsupported Kind class",
            "The Kind class '{0}' {1}");

        public static readonly DiagnosticDescriptor StorageVersion = Error("APIB011", "A Kind with several versions needs exactly one storage version",
            "Kind '{0}' of group '{1}' is served in versions {2} and needs exactly one of them marked [StorageVersion]; {3} are marked", compilationEnd: true);

        public static readonly DiagnosticDescriptor Conversion = Error("APIB012", "A version that differs from the storage version needs a conversion",
            "{0}", compilationEnd: true);

        public static readonly DiagnosticDescriptor ReservedKindName = Error("APIB013", "Kind name taken by Kubernetes or by a name derived from another Kind",
            "The Kind '{0}' ('{1}') cannot be served: {2}. Choose another Kind name (Kind = \"...\" or the class name).", compilationEnd: true);

        public static readonly DiagnosticDescriptor SubresourceDefinition = Error("APIB014", "A [Subresource] class needs a public static Definition property",
            "The subresource class '{0}' {1}");

        public static readonly DiagnosticDescriptor SubresourceKind = Error("APIB015", "[Subresource] must name a [Kind] class of this assembly",
            "The subresource class '{0}' names '{1}', {2}: [Subresource(typeof(...))] takes a [Kind] class declared in this project");

        public static readonly DiagnosticDescriptor StorageClass = Error("APIB016", "[Storage] must name a class the generated registration can create as the Kind's storage",
            "The storage class '{0}' of Kind '{1}' {2}: [Storage(typeof(...))] takes a non-generic, non-abstract class with a public parameterless constructor that implements IReadOnlyStorage<TheKind> or IStorage");

        public static readonly DiagnosticDescriptor ListOrMapType = Error("APIB017", "Invalid [ListType] or [MapType]",
            "[{0}] on property '{1}' of '{2}': {3}");

        private static DiagnosticDescriptor Error(string id, string title, string message, bool compilationEnd = false) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                description: "See docs/diagnostics.md, section " + id + ".",
                customTags: compilationEnd ? new[] { WellKnownDiagnosticTags.CompilationEnd } : new string[0]);
    }
}
