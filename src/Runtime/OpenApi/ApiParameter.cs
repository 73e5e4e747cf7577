namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// A path or query parameter, independent of OpenAPI version: v3 wraps <see cref="Type"/> in a
/// <c>schema</c>, v2 writes it inline.
/// </summary>
/// <param name="Name">Wire name, e.g. <c>fieldValidation</c>.</param>
/// <param name="In"><c>path</c> or <c>query</c>.</param>
/// <param name="Type">OpenAPI primitive type: <c>string</c>, <c>integer</c> or <c>boolean</c>.</param>
/// <param name="Description">What the parameter does, shown by API browsers.</param>
/// <param name="Required">Path parameters are always required; query parameters never are.</param>
internal sealed record ApiParameter(string Name, string In, string Type, string Description, bool Required = false)
{
    public const string InPath = "path";
    public const string InQuery = "query";
}
