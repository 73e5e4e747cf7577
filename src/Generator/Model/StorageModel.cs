namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// The class a <c>[Storage(typeof(S))]</c> Kind is served from: its <c>global::</c> name, and whether it is an
    /// <c>IReadOnlyStorage&lt;K&gt;</c> (registered with <c>AddResource(new S())</c>) or an <c>IStorage</c>
    /// (registered with <c>AddResource(K.Definition, new S())</c>).
    /// </summary>
    internal sealed record StorageModel(string FullName, bool ReadOnly);
}
