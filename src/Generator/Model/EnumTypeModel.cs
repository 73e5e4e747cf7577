namespace ApiBuilder.Generator.Model
{
    /// <summary>An enum serialized as strings.</summary>
    internal sealed record EnumTypeModel(string FullName, string Name, string? Description, EquatableArray<EnumMemberModel> Members);

    /// <summary>One enum member and its JSON string.</summary>
    internal sealed record EnumMemberModel(string CSharpName, string JsonValue);
}
