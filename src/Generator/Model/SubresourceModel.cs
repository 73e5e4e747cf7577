namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// A class marked <c>[Subresource(typeof(K))]</c> whose static <c>Definition</c> the registration passes to
    /// <c>AddSubresource</c>, with the <c>global::</c> names of the Kind class and of the class itself.
    /// </summary>
    internal sealed record SubresourceModel(string KindFullName, string FullName);
}
