using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The Swagger 2.0 document in protocol buffers, as kube-apiserver serves <c>/openapi/v2</c> to clients that ask for
/// <c>application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c> (kubectl's query-parameter verifier does): the
/// <c>openapi.v2.Document</c> message of gnostic, with its field numbers. Values of free form (defaults, enums,
/// examples, <c>x-</c> extensions) are <c>Any</c> messages holding YAML; JSON text is YAML, so it is written as is.
/// </summary>
internal static class OpenApiV2Protobuf
{
    public static byte[] Encode(JsonObject document)
    {
        var w = new ProtoWriter();
        w.String(1, Str(document["swagger"]));
        if (document["info"] is JsonObject info)
        {
            w.Message(2, i =>
            {
                i.String(1, Str(info["title"]));
                i.String(2, Str(info["version"]));
                i.String(3, Str(info["description"]));
                i.String(4, Str(info["termsOfService"]));
                Extensions(i, 7, info);
            });
        }

        w.String(3, Str(document["host"]));
        w.String(4, Str(document["basePath"]));
        Strings(w, 5, document["schemes"]);
        Strings(w, 6, document["consumes"]);
        Strings(w, 7, document["produces"]);
        if (document["paths"] is JsonObject paths)
        {
            w.Message(8, p =>
            {
                Extensions(p, 1, paths);
                foreach (var (name, item) in paths)
                {
                    if (!name.StartsWith("x-", StringComparison.Ordinal) && item is JsonObject pathItem)
                    {
                        p.Message(2, n => Named(n, name, v => PathItem(v, pathItem)));
                    }
                }
            });
        }

        if (document["definitions"] is JsonObject definitions)
        {
            w.Message(9, d => NamedSchemas(d, 1, definitions));
        }

        if (document["parameters"] is JsonObject parameters)
        {
            w.Message(10, d =>
            {
                foreach (var (name, parameter) in parameters)
                {
                    if (parameter is JsonObject p)
                    {
                        d.Message(1, n => Named(n, name, v => Parameter(v, p)));
                    }
                }
            });
        }

        if (document["responses"] is JsonObject responses)
        {
            w.Message(11, d =>
            {
                foreach (var (name, response) in responses)
                {
                    if (response is JsonObject r)
                    {
                        d.Message(1, n => Named(n, name, v => Response(v, r)));
                    }
                }
            });
        }

        SecurityRequirements(w, 12, document["security"]);
        if (document["securityDefinitions"] is JsonObject securityDefinitions)
        {
            w.Message(13, d =>
            {
                foreach (var (name, definition) in securityDefinitions)
                {
                    // Only the bearer token kind Kubernetes declares (apiKey) is carried; others are left out.
                    if (definition is JsonObject s && Str(s["type"]) == "apiKey")
                    {
                        d.Message(1, n => Named(n, name, v => v.Message(2, k =>
                        {
                            k.String(1, Str(s["type"]));
                            k.String(2, Str(s["name"]));
                            k.String(3, Str(s["in"]));
                            k.String(4, Str(s["description"]));
                            Extensions(k, 5, s);
                        })));
                    }
                }
            });
        }

        Extensions(w, 16, document);
        return w.ToArray();
    }

    private static void PathItem(ProtoWriter w, JsonObject item)
    {
        w.String(1, Str(item["$ref"]));
        string[] methods = ["get", "put", "post", "delete", "options", "head", "patch"];
        for (var i = 0; i < methods.Length; i++)
        {
            if (item[methods[i]] is JsonObject operation)
            {
                w.Message(2 + i, o => Operation(o, operation));
            }
        }

        ParametersItems(w, 9, item["parameters"]);
        Extensions(w, 10, item);
    }

    private static void Operation(ProtoWriter w, JsonObject operation)
    {
        Strings(w, 1, operation["tags"]);
        w.String(2, Str(operation["summary"]));
        w.String(3, Str(operation["description"]));
        w.String(5, Str(operation["operationId"]));
        Strings(w, 6, operation["produces"]);
        Strings(w, 7, operation["consumes"]);
        ParametersItems(w, 8, operation["parameters"]);
        if (operation["responses"] is JsonObject responses)
        {
            w.Message(9, r =>
            {
                foreach (var (code, response) in responses)
                {
                    if (!code.StartsWith("x-", StringComparison.Ordinal) && response is JsonObject value)
                    {
                        r.Message(1, n => Named(n, code, v =>
                        {
                            if (value["$ref"] is { } reference)
                            {
                                v.Message(2, j => j.String(1, Str(reference)));
                            }
                            else
                            {
                                v.Message(1, x => Response(x, value));
                            }
                        }));
                    }
                }

                Extensions(r, 2, responses);
            });
        }

        Strings(w, 10, operation["schemes"]);
        w.Bool(11, Bool(operation["deprecated"]));
        SecurityRequirements(w, 12, operation["security"]);
        Extensions(w, 13, operation);
    }

    private static void Response(ProtoWriter w, JsonObject response)
    {
        w.String(1, Str(response["description"]));
        if (response["schema"] is JsonObject schema)
        {
            w.Message(2, s => s.Message(1, x => Schema(x, schema)));
        }

        Extensions(w, 5, response);
    }

    private static void ParametersItems(ProtoWriter w, int field, JsonNode? parameters)
    {
        foreach (var parameter in (parameters as JsonArray ?? []).OfType<JsonObject>())
        {
            w.Message(field, item =>
            {
                if (parameter["$ref"] is { } reference)
                {
                    item.Message(2, j =>
                    {
                        j.String(1, Str(reference));
                        j.String(2, Str(parameter["description"]));
                    });
                }
                else
                {
                    item.Message(1, p => Parameter(p, parameter));
                }
            });
        }
    }

    private static void Parameter(ProtoWriter w, JsonObject parameter)
    {
        var location = Str(parameter["in"]);
        if (location == "body")
        {
            w.Message(1, b =>
            {
                b.String(1, Str(parameter["description"]));
                b.String(2, Str(parameter["name"]));
                b.String(3, location);
                b.Bool(4, Bool(parameter["required"]));
                if (parameter["schema"] is JsonObject schema)
                {
                    b.Message(5, s => Schema(s, schema));
                }

                Extensions(b, 6, parameter);
            });
            return;
        }

        // NonBodyParameter's oneof: header 1, formData 2, query 3, path 4. Query and formData sub-schemas have
        // allowEmptyValue as field 5, so their later fields are one higher than those of header and path.
        var (choice, withAllowEmpty) = location switch
        {
            "header" => (1, false),
            "formData" => (2, true),
            "path" => (4, false),
            _ => (3, true),
        };
        w.Message(2, n => n.Message(choice, p =>
        {
            p.Bool(1, Bool(parameter["required"]));
            p.String(2, location);
            p.String(3, Str(parameter["description"]));
            p.String(4, Str(parameter["name"]));
            var shift = 0;
            if (withAllowEmpty)
            {
                p.Bool(5, Bool(parameter["allowEmptyValue"]));
                shift = 1;
            }

            p.String(5 + shift, Str(parameter["type"]));
            p.String(6 + shift, Str(parameter["format"]));
            if (parameter["items"] is JsonObject items)
            {
                p.Message(7 + shift, i => PrimitivesItems(i, items));
            }

            p.String(8 + shift, Str(parameter["collectionFormat"]));
            AnyValue(p, 9 + shift, parameter["default"]);
            p.Double(10 + shift, Number(parameter["maximum"]));
            p.Bool(11 + shift, Bool(parameter["exclusiveMaximum"]));
            p.Double(12 + shift, Number(parameter["minimum"]));
            p.Bool(13 + shift, Bool(parameter["exclusiveMinimum"]));
            p.Int64(14 + shift, Integer(parameter["maxLength"]));
            p.Int64(15 + shift, Integer(parameter["minLength"]));
            p.String(16 + shift, Str(parameter["pattern"]));
            p.Int64(17 + shift, Integer(parameter["maxItems"]));
            p.Int64(18 + shift, Integer(parameter["minItems"]));
            p.Bool(19 + shift, Bool(parameter["uniqueItems"]));
            AnyValues(p, 20 + shift, parameter["enum"]);
            p.Double(21 + shift, Number(parameter["multipleOf"]));
            Extensions(p, 22 + shift, parameter);
        }));
    }

    private static void PrimitivesItems(ProtoWriter w, JsonObject items)
    {
        w.String(1, Str(items["type"]));
        w.String(2, Str(items["format"]));
        if (items["items"] is JsonObject nested)
        {
            w.Message(3, i => PrimitivesItems(i, nested));
        }

        w.String(4, Str(items["collectionFormat"]));
        AnyValue(w, 5, items["default"]);
        AnyValues(w, 16, items["enum"]);
        Extensions(w, 18, items);
    }

    private static void Schema(ProtoWriter w, JsonObject schema)
    {
        w.String(1, Str(schema["$ref"]));
        w.String(2, Str(schema["format"]));
        w.String(3, Str(schema["title"]));
        w.String(4, Str(schema["description"]));
        AnyValue(w, 5, schema["default"]);
        w.Double(6, Number(schema["multipleOf"]));
        w.Double(7, Number(schema["maximum"]));
        w.Bool(8, Bool(schema["exclusiveMaximum"]));
        w.Double(9, Number(schema["minimum"]));
        w.Bool(10, Bool(schema["exclusiveMinimum"]));
        w.Int64(11, Integer(schema["maxLength"]));
        w.Int64(12, Integer(schema["minLength"]));
        w.String(13, Str(schema["pattern"]));
        w.Int64(14, Integer(schema["maxItems"]));
        w.Int64(15, Integer(schema["minItems"]));
        w.Bool(16, Bool(schema["uniqueItems"]));
        w.Int64(17, Integer(schema["maxProperties"]));
        w.Int64(18, Integer(schema["minProperties"]));
        Strings(w, 19, schema["required"]);
        AnyValues(w, 20, schema["enum"]);
        switch (schema["additionalProperties"])
        {
            case JsonObject additional:
                w.Message(21, a => a.Message(1, s => Schema(s, additional)));
                break;
            case JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                // A oneof member is written even when false.
                w.Message(21, a => a.Present(2, flag.GetValue<bool>()));
                break;
        }

        switch (schema["type"])
        {
            case JsonValue type:
                w.Message(22, t => t.String(1, Str(type)));
                break;
            case JsonArray types:
                w.Message(22, t => Strings(t, 1, types));
                break;
        }

        switch (schema["items"])
        {
            case JsonObject item:
                w.Message(23, i => i.Message(1, s => Schema(s, item)));
                break;
            case JsonArray items:
                w.Message(23, i =>
                {
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        i.Message(1, s => Schema(s, item));
                    }
                });
                break;
        }

        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            w.Message(24, s => Schema(s, part));
        }

        if (schema["properties"] is JsonObject properties)
        {
            w.Message(25, p => NamedSchemas(p, 1, properties));
        }

        w.String(26, Str(schema["discriminator"]));
        w.Bool(27, Bool(schema["readOnly"]));
        AnyValue(w, 30, schema["example"]);
        Extensions(w, 31, schema);
    }

    private static void NamedSchemas(ProtoWriter w, int field, JsonObject schemas)
    {
        foreach (var (name, schema) in schemas)
        {
            if (schema is JsonObject value)
            {
                w.Message(field, n => Named(n, name, v => Schema(v, value)));
            }
        }
    }

    private static void SecurityRequirements(ProtoWriter w, int field, JsonNode? requirements)
    {
        foreach (var requirement in (requirements as JsonArray ?? []).OfType<JsonObject>())
        {
            w.Message(field, r =>
            {
                foreach (var (name, scopes) in requirement)
                {
                    r.Message(1, n => Named(n, name, v => Strings(v, 1, scopes)));
                }
            });
        }
    }

    /// <summary>A NamedX message: the name (field 1) and the value (field 2).</summary>
    private static void Named(ProtoWriter w, string name, Action<ProtoWriter> value)
    {
        w.String(1, name);
        w.Message(2, value);
    }

    /// <summary>The <c>x-</c> members of an object as NamedAny messages.</summary>
    private static void Extensions(ProtoWriter w, int field, JsonObject obj)
    {
        foreach (var (name, value) in obj)
        {
            if (name.StartsWith("x-", StringComparison.Ordinal))
            {
                w.Message(field, n => Named(n, name, v => v.String(2, Yaml(value))));
            }
        }
    }

    private static void AnyValue(ProtoWriter w, int field, JsonNode? value)
    {
        if (value is not null)
        {
            w.Message(field, a => a.String(2, Yaml(value)));
        }
    }

    private static void AnyValues(ProtoWriter w, int field, JsonNode? values)
    {
        foreach (var value in values as JsonArray ?? [])
        {
            w.Message(field, a => a.String(2, Yaml(value)));
        }
    }

    private static void Strings(ProtoWriter w, int field, JsonNode? values)
    {
        foreach (var value in values as JsonArray ?? [])
        {
            // Repeated strings keep empty members: their position counts.
            w.Present(field, Str(value) ?? "");
        }
    }

    private static string Yaml(JsonNode? value) => value?.ToJsonString() ?? "null";

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static double Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : 0;

    private static long Integer(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l : (long)Number(node);
}
