using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// Builds the self-contained OpenAPI 3.0 document of one group-version, served at
/// <c>/openapi/v3/apis/&lt;group&gt;/&lt;version&gt;</c> and read by <c>kubectl explain</c>, by
/// kubectl's field-validation and patch-type decisions, and by the aggregator.
/// </summary>
/// <remarks>Output depends only on the input: paths and schemas are sorted, so the same definitions give byte-identical JSON and a stable hash.</remarks>
internal static class OpenApiV3Builder
{
    private const string SecurityScheme = "BearerToken";

    /// <summary>
    /// The document for <paramref name="group"/>/<paramref name="version"/>. Resources of other
    /// group-versions are skipped, so callers may pass every definition they serve.
    /// </summary>
    public static JsonObject BuildGroupVersion(string group, string version, IReadOnlyList<ResourceDefinition> resources, OpenApiInfo info)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(info);

        var served = resources.Where(r => r.Group == group && r.Version == version).ToList();

        var paths = new JsonObject();
        foreach (var path in ApiPathPlanner.Plan(group, version, served, info.VerbsOf, info.SubresourcesOf, info.AppliesOf))
        {
            paths[path.Key] = PathItem(path);
        }

        var unsorted = new JsonObject();
        MetaSchemas.AddTo(unsorted, [(group, version)]);
        if (served.Any(r => r.Scale is not null))
        {
            ScaleSchemas.AddTo(unsorted);
        }

        foreach (var resource in served)
        {
            KindSchemas.AddTo(unsorted, resource);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = info.Title, ["version"] = info.Version },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = JsonOrdering.SortByKey(unsorted),
                ["securitySchemes"] = new JsonObject
                {
                    [SecurityScheme] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["name"] = "authorization",
                        ["in"] = "header",
                    },
                },
            },
        };
    }

    private static JsonObject PathItem(ApiPath path)
    {
        var item = new JsonObject();
        foreach (var operation in path.Operations)
        {
            item[operation.Method] = Operation(operation);
        }

        if (path.Parameters.Count > 0)
        {
            item["parameters"] = Parameters(path.Parameters);
        }

        return item;
    }

    private static JsonObject Operation(ApiOperation operation)
    {
        var result = new JsonObject
        {
            ["tags"] = new JsonArray(operation.Tag),
            ["description"] = operation.Description,
            ["operationId"] = operation.OperationId,
        };

        if (operation.Parameters.Count > 0)
        {
            result["parameters"] = Parameters(operation.Parameters);
        }

        if (operation.Body is { } body)
        {
            var requestBody = new JsonObject { ["content"] = Content(body.MediaTypes, body.Schema) };
            if (body.Required)
            {
                requestBody["required"] = true;
            }

            result["requestBody"] = requestBody;
        }

        var responses = new JsonObject();
        var produces = operation.Streams ? MediaTypes.StreamingResponses : MediaTypes.Responses;
        foreach (var response in operation.Responses)
        {
            var entry = new JsonObject { ["description"] = response.Description };
            if (response.Schema is not null)
            {
                entry["content"] = Content(produces, response.Schema);
            }

            responses[response.Code] = entry;
        }

        result["responses"] = responses;
        OperationExtensions.AddTo(result, operation);
        return result;
    }

    private static JsonObject Content(IReadOnlyList<string> mediaTypes, string schema)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = KindSchemas.Ref(schema) };
        }

        return content;
    }

    private static JsonArray Parameters(IReadOnlyList<ApiParameter> parameters)
    {
        var array = new JsonArray();
        foreach (var parameter in parameters)
        {
            var entry = new JsonObject
            {
                ["name"] = parameter.Name,
                ["in"] = parameter.In,
                ["description"] = parameter.Description,
            };
            if (parameter.Required)
            {
                entry["required"] = true;
            }

            entry["schema"] = new JsonObject { ["type"] = parameter.Type };
            array.Add(entry);
        }

        return array;
    }
}
