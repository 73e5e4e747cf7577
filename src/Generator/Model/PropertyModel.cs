namespace ApiBuilder.Generator.Model
{
    /// <summary>One serialized property: C# name (escaped if a keyword), JSON name, type, and schema facts.</summary>
    internal sealed record PropertyModel(
        string CSharpName,
        string JsonName,
        TypeShape Type,
        bool Required,
        string? Description,
        Constraints Constraints);
}
