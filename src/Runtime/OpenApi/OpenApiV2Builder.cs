using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// Builds the Swagger 2.0 document served at <c>/openapi/v2</c>, covering every group-version.
/// The aggregator downloads it (and converts it to v3 when no v3 is served); kubectl falls back to
/// it for explain and client-side validation.
/// </summary>
/// <remarks>
/// Paths and operations are the same plan as the v3 document. Parameters are written inline
/// rather than shared under <c>#/parameters</c>; schemas are the v3 ones converted to v2.
/// </remarks>
internal static class OpenApiV2Builder
{
    private const string SecurityScheme = "BearerToken";
    private const string DefinitionsPrefix = "#/definitions/";

    /// <summary>The v2 document for all of <paramref name="resources"/>.</summary>
    public static JsonObject Build(IReadOnlyList<ResourceDefinition> resources, OpenApiInfo info)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(info);

        var groupVersions = resources
            .Select(r => (r.Group, r.Version))
            .Distinct()
            .OrderBy(gv => gv.Group, StringComparer.Ordinal)
            .ThenBy(gv => gv.Version, StringComparer.Ordinal)
            .ToList();

        var allPaths = new SortedDictionary<string, ApiPath>(StringComparer.Ordinal);
        foreach (var (group, version) in groupVersions)
        {
            var served = resources.Where(r => r.Group == group && r.Version == version);
            foreach (var path in ApiPathPlanner.Plan(group, version, served, info.VerbsOf, info.SubresourcesOf, info.AppliesOf))
            {
                allPaths.Add(path.Key, path);
            }
        }

        var paths = new JsonObject();
        foreach (var (key, path) in allPaths)
        {
            paths[key] = PathItem(path);
        }

        var definitions = new JsonObject();
        MetaSchemas.AddTo(definitions, groupVersions);
        if (resources.Any(r => r.Scale is not null))
        {
            ScaleSchemas.AddTo(definitions);
        }

        foreach (var resource in resources)
        {
            KindSchemas.AddTo(definitions, resource);
        }

        foreach (var (_, schema) in definitions)
        {
            SchemaV2Converter.Convert((JsonObject)schema!);
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = info.Title, ["version"] = info.Version },
            ["paths"] = paths,
            ["definitions"] = JsonOrdering.SortByKey(definitions),
            ["securityDefinitions"] = new JsonObject
            {
                [SecurityScheme] = new JsonObject
                {
                    ["description"] = "Bearer Token authentication",
                    ["type"] = "apiKey",
                    ["name"] = "authorization",
                    ["in"] = "header",
                },
            },
            ["security"] = new JsonArray(new JsonObject { [SecurityScheme] = new JsonArray() }),
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
            item["parameters"] = Parameters(path.Parameters, body: null);
        }

        return item;
    }

    private static JsonObject Operation(ApiOperation operation)
    {
        var produces = operation.Streams ? MediaTypes.StreamingResponses : MediaTypes.Responses;
        var result = new JsonObject
        {
            ["description"] = operation.Description,
            // Without a body the operation consumes nothing in particular; Kubernetes says "*/*" there.
            ["consumes"] = Strings(operation.Body?.MediaTypes ?? ["*/*"]),
            ["produces"] = Strings(produces),
            ["schemes"] = new JsonArray("https"),
            ["tags"] = new JsonArray(operation.Tag),
            ["operationId"] = operation.OperationId,
        };

        if (operation.Body is not null || operation.Parameters.Count > 0)
        {
            result["parameters"] = Parameters(operation.Parameters, operation.Body);
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var entry = new JsonObject { ["description"] = response.Description };
            if (response.Schema is not null)
            {
                entry["schema"] = new JsonObject { ["$ref"] = DefinitionsPrefix + response.Schema };
            }

            responses[response.Code] = entry;
        }

        result["responses"] = responses;
        OperationExtensions.AddTo(result, operation);
        return result;
    }

    private static JsonArray Parameters(IReadOnlyList<ApiParameter> parameters, ApiRequestBody? body)
    {
        var array = new JsonArray();
        if (body is not null)
        {
            var entry = new JsonObject { ["name"] = "body", ["in"] = "body" };
            if (body.Required)
            {
                entry["required"] = true;
            }

            entry["schema"] = new JsonObject { ["$ref"] = DefinitionsPrefix + body.Schema };
            array.Add(entry);
        }

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

            entry["type"] = parameter.Type;
            array.Add(entry);
        }

        return array;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
