namespace ApiBuilder.Generator.Model
{
    internal sealed record ScaleModel(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
}
