using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>Helpers that look at a whole document: every operation, every <c>$ref</c>.</summary>
internal static class OpenApiDocumentWalker
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch"];

    public static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (Methods.Contains(method))
                {
                    yield return (path, method, operation!.AsObject());
                }
            }
        }
    }

    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (key == "$ref" && child is JsonValue value && value.TryGetValue<string>(out var target))
                    {
                        yield return target;
                    }

                    foreach (var nested in References(child))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var nested in References(child))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    /// <summary>Resolves a local JSON pointer such as <c>#/components/schemas/X</c>.</summary>
    public static JsonNode? Resolve(JsonObject document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? current = document;
        foreach (var token in reference[2..].Split('/'))
        {
            var name = token.Replace("~1", "/").Replace("~0", "~");
            current = current is JsonObject obj && obj.TryGetPropertyValue(name, out var next) ? next : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Names of the query parameters an operation declares itself.</summary>
    public static string[] ParameterNames(JsonObject operation) =>
        operation["parameters"] is JsonArray parameters
            ? [.. parameters.Select(p => p!["name"]!.GetValue<string>())]
            : [];
}
