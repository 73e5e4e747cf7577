namespace ApiBuilder.Generator.Model
{
    internal sealed record PrinterColumnModel(string Name, string Type, string JsonPath, string Format, int Priority, string Description);
}
