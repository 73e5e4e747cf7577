namespace ApiBuilder.Generator.Model
{
    /// <summary>How a C# type maps to JSON and to the OpenAPI schema.</summary>
    internal enum ShapeKind
    {
        String,
        Boolean,
        Byte,
        SByte,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Single,
        Double,
        Decimal,
        DateTime,
        DateTimeOffset,
        Guid,
        Bytes,
        Enum,
        Object,
        List,
        Array,
        Map,
        JsonNode,
        JsonObject,
        JsonElement,
    }
}
