namespace ApiBuilder.Generator.Model
{
    /// <summary>A plain C# type serialized as a JSON object.</summary>
    /// <param name="FullName">Fully qualified, <c>global::</c> prefixed.</param>
    /// <param name="HasTemplate">A parameterless instance can be created to read initializer defaults (no required members).</param>
    internal sealed record ObjectTypeModel(string FullName, string? Description, bool HasTemplate, EquatableArray<PropertyModel> Properties);
}
