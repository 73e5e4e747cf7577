using System.Buffers;
using System.Text;
using System.Text.Json;
using ApiBuilder.Runtime.OpenApi.Gnostic;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The Swagger 2.0 document in protocol buffers, as kube-apiserver serves <c>/openapi/v2</c> to clients that ask for
/// <c>application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c> (kubectl's query-parameter verifier does): gnostic's
/// <c>openapi.v2.Document</c> message (generated from <c>OpenApi/Gnostic/openapiv2.proto</c>), filled from the JSON
/// document as served. Values of free form (defaults, enums, examples, <c>x-</c> extensions) are <c>Any</c> messages
/// holding YAML; JSON text is YAML, so it is written as is.
/// </summary>
internal static class OpenApiV2Protobuf
{
    // As deep as the JSON writer that wrote the document goes (its default), not the reader's default of 64.
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 1000 };

    /// <summary>The protobuf encoding of <paramref name="json"/>, a Swagger 2.0 document in JSON.</summary>
    public static byte[] Encode(ReadOnlyMemory<byte> json)
    {
        using var parsed = JsonDocument.Parse(json, ReadOptions);
        return ToDocument(parsed.RootElement).ToByteArray();
    }

    private static Document ToDocument(JsonElement element)
    {
        var document = new Document();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "swagger": document.Swagger = Str(value); break;
                case "info" when IsObject(value): document.Info = ToInfo(value); break;
                case "host": document.Host = Str(value); break;
                case "basePath": document.BasePath = Str(value); break;
                case "schemes": AddStrings(document.Schemes, value); break;
                case "consumes": AddStrings(document.Consumes, value); break;
                case "produces": AddStrings(document.Produces, value); break;
                case "paths" when IsObject(value): document.Paths = ToPaths(value); break;
                case "definitions" when IsObject(value): document.Definitions = new Definitions { AdditionalProperties = { NamedSchemas(value) } }; break;
                case "parameters" when IsObject(value):
                    document.Parameters = new ParameterDefinitions
                    {
                        AdditionalProperties = { Objects(value).Select(p => new NamedParameter { Name = p.Name, Value = ToParameter(p.Value) }) },
                    };
                    break;
                case "responses" when IsObject(value):
                    document.Responses = new ResponseDefinitions
                    {
                        AdditionalProperties = { Objects(value).Select(r => new NamedResponse { Name = r.Name, Value = ToResponse(r.Value) }) },
                    };
                    break;
                case "security": AddSecurityRequirements(document.Security, value); break;
                case "securityDefinitions" when IsObject(value): document.SecurityDefinitions = ToSecurityDefinitions(value); break;
                default: AddExtension(document.VendorExtension, member); break;
            }
        }

        return document;
    }

    private static Info ToInfo(JsonElement element)
    {
        var info = new Info();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "title": info.Title = Str(value); break;
                case "version": info.Version = Str(value); break;
                case "description": info.Description = Str(value); break;
                case "termsOfService": info.TermsOfService = Str(value); break;
                default: AddExtension(info.VendorExtension, member); break;
            }
        }

        return info;
    }

    private static Paths ToPaths(JsonElement element)
    {
        var paths = new Paths();
        foreach (var member in element.EnumerateObject())
        {
            if (IsExtension(member))
            {
                AddExtension(paths.VendorExtension, member);
            }
            else if (IsObject(member.Value))
            {
                paths.Path.Add(new NamedPathItem { Name = member.Name, Value = ToPathItem(member.Value) });
            }
        }

        return paths;
    }

    private static PathItem ToPathItem(JsonElement element)
    {
        var item = new PathItem();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "$ref": item.Ref = Str(value); break;
                case "get" when IsObject(value): item.Get = ToOperation(value); break;
                case "put" when IsObject(value): item.Put = ToOperation(value); break;
                case "post" when IsObject(value): item.Post = ToOperation(value); break;
                case "delete" when IsObject(value): item.Delete = ToOperation(value); break;
                case "options" when IsObject(value): item.Options = ToOperation(value); break;
                case "head" when IsObject(value): item.Head = ToOperation(value); break;
                case "patch" when IsObject(value): item.Patch = ToOperation(value); break;
                case "parameters": AddParametersItems(item.Parameters, value); break;
                default: AddExtension(item.VendorExtension, member); break;
            }
        }

        return item;
    }

    private static Operation ToOperation(JsonElement element)
    {
        var operation = new Operation();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "tags": AddStrings(operation.Tags, value); break;
                case "summary": operation.Summary = Str(value); break;
                case "description": operation.Description = Str(value); break;
                case "operationId": operation.OperationId = Str(value); break;
                case "produces": AddStrings(operation.Produces, value); break;
                case "consumes": AddStrings(operation.Consumes, value); break;
                case "parameters": AddParametersItems(operation.Parameters, value); break;
                case "responses" when IsObject(value): operation.Responses = ToResponses(value); break;
                case "schemes": AddStrings(operation.Schemes, value); break;
                case "deprecated": operation.Deprecated = IsTrue(value); break;
                case "security": AddSecurityRequirements(operation.Security, value); break;
                default: AddExtension(operation.VendorExtension, member); break;
            }
        }

        return operation;
    }

    private static Responses ToResponses(JsonElement element)
    {
        var responses = new Responses();
        foreach (var member in element.EnumerateObject())
        {
            if (IsExtension(member))
            {
                AddExtension(responses.VendorExtension, member);
            }
            else if (IsObject(member.Value))
            {
                var value = Present(member.Value, "$ref", out var reference)
                    ? new ResponseValue { JsonReference = new JsonReference { Ref = Str(reference) } }
                    : new ResponseValue { Response = ToResponse(member.Value) };
                responses.ResponseCode.Add(new NamedResponseValue { Name = member.Name, Value = value });
            }
        }

        return responses;
    }

    private static Response ToResponse(JsonElement element)
    {
        var response = new Response();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "description": response.Description = Str(value); break;
                case "schema" when IsObject(value): response.Schema = new SchemaItem { Schema = ToSchema(value) }; break;
                default: AddExtension(response.VendorExtension, member); break;
            }
        }

        return response;
    }

    private static void AddParametersItems(RepeatedField<ParametersItem> items, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var parameter in parameters.EnumerateArray().Where(IsObject))
        {
            items.Add(Present(parameter, "$ref", out var reference)
                ? new ParametersItem { JsonReference = new JsonReference { Ref = Str(reference), Description = Str(parameter, "description") } }
                : new ParametersItem { Parameter = ToParameter(parameter) });
        }
    }

    private static Parameter ToParameter(JsonElement element)
    {
        var location = Str(element, "in");
        if (location == "body")
        {
            return new Parameter { BodyParameter = ToBodyParameter(element) };
        }

        var nonBody = new NonBodyParameter();
        INonBodyParameterSubSchema parameter = location switch
        {
            "header" => nonBody.HeaderParameterSubSchema = new HeaderParameterSubSchema(),
            "formData" => nonBody.FormDataParameterSubSchema = new FormDataParameterSubSchema(),
            "path" => nonBody.PathParameterSubSchema = new PathParameterSubSchema(),
            _ => nonBody.QueryParameterSubSchema = new QueryParameterSubSchema(),
        };
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "required": parameter.Required = IsTrue(value); break;
                case "in": parameter.In = Str(value); break;
                case "description": parameter.Description = Str(value); break;
                case "name": parameter.Name = Str(value); break;
                // Only query and formData parameters may be sent empty.
                case "allowEmptyValue" when parameter is QueryParameterSubSchema query: query.AllowEmptyValue = IsTrue(value); break;
                case "allowEmptyValue" when parameter is FormDataParameterSubSchema formData: formData.AllowEmptyValue = IsTrue(value); break;
                case "type": parameter.Type = Str(value); break;
                case "format": parameter.Format = Str(value); break;
                case "items" when IsObject(value): parameter.Items = ToPrimitivesItems(value); break;
                case "collectionFormat": parameter.CollectionFormat = Str(value); break;
                case "default": parameter.Default = ToAnyUnlessNull(value); break;
                case "maximum": parameter.Maximum = Number(value); break;
                case "exclusiveMaximum": parameter.ExclusiveMaximum = IsTrue(value); break;
                case "minimum": parameter.Minimum = Number(value); break;
                case "exclusiveMinimum": parameter.ExclusiveMinimum = IsTrue(value); break;
                case "maxLength": parameter.MaxLength = Integer(value); break;
                case "minLength": parameter.MinLength = Integer(value); break;
                case "pattern": parameter.Pattern = Str(value); break;
                case "maxItems": parameter.MaxItems = Integer(value); break;
                case "minItems": parameter.MinItems = Integer(value); break;
                case "uniqueItems": parameter.UniqueItems = IsTrue(value); break;
                case "enum": AddAnys(parameter.Enum, value); break;
                case "multipleOf": parameter.MultipleOf = Number(value); break;
                default: AddExtension(parameter.VendorExtension, member); break;
            }
        }

        return new Parameter { NonBodyParameter = nonBody };
    }

    private static BodyParameter ToBodyParameter(JsonElement element)
    {
        var parameter = new BodyParameter();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "description": parameter.Description = Str(value); break;
                case "name": parameter.Name = Str(value); break;
                case "in": parameter.In = Str(value); break;
                case "required": parameter.Required = IsTrue(value); break;
                case "schema" when IsObject(value): parameter.Schema = ToSchema(value); break;
                default: AddExtension(parameter.VendorExtension, member); break;
            }
        }

        return parameter;
    }

    private static PrimitivesItems ToPrimitivesItems(JsonElement element)
    {
        var items = new PrimitivesItems();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "type": items.Type = Str(value); break;
                case "format": items.Format = Str(value); break;
                case "items" when IsObject(value): items.Items = ToPrimitivesItems(value); break;
                case "collectionFormat": items.CollectionFormat = Str(value); break;
                case "default": items.Default = ToAnyUnlessNull(value); break;
                case "enum": AddAnys(items.Enum, value); break;
                default: AddExtension(items.VendorExtension, member); break;
            }
        }

        return items;
    }

    // Qualified: ApiBuilder.Runtime.Schema, a namespace, would be found first.
    private static Gnostic.Schema ToSchema(JsonElement element)
    {
        var schema = new Gnostic.Schema();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "$ref": schema.Ref = Str(value); break;
                case "format": schema.Format = Str(value); break;
                case "title": schema.Title = Str(value); break;
                case "description": schema.Description = Str(value); break;
                case "default": schema.Default = ToAnyUnlessNull(value); break;
                case "multipleOf": schema.MultipleOf = Number(value); break;
                case "maximum": schema.Maximum = Number(value); break;
                case "exclusiveMaximum": schema.ExclusiveMaximum = IsTrue(value); break;
                case "minimum": schema.Minimum = Number(value); break;
                case "exclusiveMinimum": schema.ExclusiveMinimum = IsTrue(value); break;
                case "maxLength": schema.MaxLength = Integer(value); break;
                case "minLength": schema.MinLength = Integer(value); break;
                case "pattern": schema.Pattern = Str(value); break;
                case "maxItems": schema.MaxItems = Integer(value); break;
                case "minItems": schema.MinItems = Integer(value); break;
                case "uniqueItems": schema.UniqueItems = IsTrue(value); break;
                case "maxProperties": schema.MaxProperties = Integer(value); break;
                case "minProperties": schema.MinProperties = Integer(value); break;
                case "required": AddStrings(schema.Required, value); break;
                case "enum": AddAnys(schema.Enum, value); break;
                case "additionalProperties": schema.AdditionalProperties = ToAdditionalProperties(value); break;
                case "type": schema.Type = ToTypeItem(value); break;
                case "items": schema.Items = ToItemsItem(value); break;
                case "allOf" when value.ValueKind == JsonValueKind.Array: schema.AllOf.Add(value.EnumerateArray().Where(IsObject).Select(ToSchema)); break;
                case "properties" when IsObject(value): schema.Properties = new Properties { AdditionalProperties = { NamedSchemas(value) } }; break;
                case "discriminator": schema.Discriminator = Str(value); break;
                case "readOnly": schema.ReadOnly = IsTrue(value); break;
                case "example": schema.Example = ToAnyUnlessNull(value); break;
                default: AddExtension(schema.VendorExtension, member); break;
            }
        }

        return schema;
    }

    /// <summary>A schema, or true or false (a oneof: false is written too).</summary>
    private static AdditionalPropertiesItem? ToAdditionalProperties(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new AdditionalPropertiesItem { Schema = ToSchema(value) },
        JsonValueKind.True or JsonValueKind.False => new AdditionalPropertiesItem { Boolean = value.GetBoolean() },
        _ => null,
    };

    /// <summary>One type name or several; a value that is neither leaves the type present but empty.</summary>
    private static TypeItem? ToTypeItem(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                var types = new TypeItem();
                AddStrings(types.Value, value);
                return types;
            case JsonValueKind.String when value.GetString() is { Length: > 0 } type:
                return new TypeItem { Value = { type } };
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return new TypeItem();
            default:
                return null;
        }
    }

    /// <summary>One schema for every item, or one per position.</summary>
    private static ItemsItem? ToItemsItem(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new ItemsItem { Schema = { ToSchema(value) } },
        JsonValueKind.Array => new ItemsItem { Schema = { value.EnumerateArray().Where(IsObject).Select(ToSchema) } },
        _ => null,
    };

    private static IEnumerable<NamedSchema> NamedSchemas(JsonElement schemas) =>
        Objects(schemas).Select(s => new NamedSchema { Name = s.Name, Value = ToSchema(s.Value) });

    private static void AddSecurityRequirements(RepeatedField<SecurityRequirement> requirements, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var requirement in value.EnumerateArray().Where(IsObject))
        {
            var named = new SecurityRequirement();
            foreach (var scheme in requirement.EnumerateObject())
            {
                var scopes = new StringArray();
                AddStrings(scopes.Value, scheme.Value);
                named.AdditionalProperties.Add(new NamedStringArray { Name = scheme.Name, Value = scopes });
            }

            requirements.Add(named);
        }
    }

    private static SecurityDefinitions ToSecurityDefinitions(JsonElement element)
    {
        var definitions = new SecurityDefinitions();
        // Only the bearer token kind Kubernetes declares (apiKey) is carried; others are left out.
        foreach (var (name, definition) in Objects(element).Where(d => Str(d.Value, "type") == "apiKey"))
        {
            var apiKey = new ApiKeySecurity();
            foreach (var member in definition.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "type": apiKey.Type = Str(value); break;
                    case "name": apiKey.Name = Str(value); break;
                    case "in": apiKey.In = Str(value); break;
                    case "description": apiKey.Description = Str(value); break;
                    default: AddExtension(apiKey.VendorExtension, member); break;
                }
            }

            definitions.AdditionalProperties.Add(new NamedSecurityDefinitionsItem { Name = name, Value = new SecurityDefinitionsItem { ApiKeySecurity = apiKey } });
        }

        return definitions;
    }

    /// <summary>An <c>x-</c> member as a NamedAny; other members are not extensions.</summary>
    private static void AddExtension(RepeatedField<NamedAny> extensions, JsonProperty member)
    {
        if (IsExtension(member))
        {
            extensions.Add(new NamedAny { Name = member.Name, Value = ToAny(member.Value) });
        }
    }

    private static bool IsExtension(JsonProperty member) => member.Name.StartsWith("x-", StringComparison.Ordinal);

    private static Any ToAny(JsonElement value) => new() { Yaml = Yaml(value) };

    private static Any? ToAnyUnlessNull(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : ToAny(value);

    private static void AddAnys(RepeatedField<Any> values, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            values.Add(value.EnumerateArray().Select(ToAny));
        }
    }

    /// <summary>The members of an array of strings; others count as empty strings, as their position does.</summary>
    private static void AddStrings(RepeatedField<string> values, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            values.Add(value.EnumerateArray().Select(Str));
        }
    }

    /// <summary>The members of an object whose values are objects, in order.</summary>
    private static IEnumerable<(string Name, JsonElement Value)> Objects(JsonElement element) =>
        element.EnumerateObject().Where(m => IsObject(m.Value)).Select(m => (m.Name, m.Value));

    /// <summary>Compact JSON, escaped as System.Text.Json escapes by default.</summary>
    private static string Yaml(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsObject(JsonElement value) => value.ValueKind == JsonValueKind.Object;

    /// <summary>Whether <paramref name="element"/> has the member <paramref name="name"/>, and it is not null.</summary>
    private static bool Present(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string, or empty (left out of the message) for anything else.</summary>
    private static string Str(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string Str(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? Str(value) : "";

    private static bool IsTrue(JsonElement value) => value.ValueKind == JsonValueKind.True;

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static long Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer) ? integer : (long)Number(value);
}
