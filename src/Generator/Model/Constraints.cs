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

        /// <summary>JSON literal of <c>[DefaultValue]</c>.</summary>
        public string? Default { get; init; }
    }
}
