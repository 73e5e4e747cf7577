namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// A property or element type, as a value: its JSON shape, its fully qualified C# name
    /// (without nullability), whether null is allowed, the element type of lists and maps, and
    /// for objects and enums the index into the Kind's type tables.
    /// </summary>
    internal sealed record TypeShape(ShapeKind Kind, string CSharpType, bool Nullable, TypeShape? Element, int TypeIndex)
    {
        public bool IsValueType => Kind is not (ShapeKind.String or ShapeKind.Bytes or ShapeKind.List or ShapeKind.Array or ShapeKind.Map
            or ShapeKind.JsonNode or ShapeKind.JsonObject) && !(Kind == ShapeKind.Object && !StructObject);

        /// <summary>For <see cref="ShapeKind.Object"/>: the type is a struct.</summary>
        public bool StructObject { get; init; }

        /// <summary>The C# type as written in generated code, with <c>?</c> when nullable.</summary>
        public string Declared => Nullable ? CSharpType + "?" : CSharpType;
    }
}
