namespace ApiBuilder.Generator.Model
{
    /// <summary>Schema constraints from data annotations; numbers are JSON literals in invariant culture.</summary>
    internal sealed record Constraints
    {
        public static readonly Constraints None = new();

        public string? Minimum { get; init; }

        public string? Maximum { get; init; }

        public bool ExclusiveMinimum { get; init; }

        public bool ExclusiveMaximum { get; init; }

        public int? MinLength { get; init; }

        public int? MaxLength { get; init; }

        public string? Pattern { get; init; }

        /// <summary><c>x-kubernetes-list-type</c> from <c>[ListType]</c>: atomic, set or map.</summary>
        public string? ListType { get; init; }

        /// <summary><c>x-kubernetes-list-map-keys</c> as a JSON array literal.</summary>
        public string? ListMapKeys { get; init; }

        /// <summary><c>x-kubernetes-map-type</c> from <c>[MapType]</c>: granular or atomic.</summary>
        public string? MapType { get; init; }

        /// <summary>JSON literal of <c>[DefaultValue]</c>.</summary>
        public string? Default { get; init; }
    }
}
