using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Schema;

/// <summary>
/// Validates an object against its OpenAPI v3 schema (type, enum, required, nullable, string,
/// number and array bounds, pattern, formats) and reports field errors in the wording of
/// Kubernetes' custom resource validation.
/// </summary>
internal static class SchemaValidator
{
    /// <summary>Reports every violation of the schema.</summary>
    public static void Validate(JsonNode? node, JsonObject schema, string path, List<StatusCause> errors) =>
        Validate(node, schema, path, errors, typesOnly: false);

    /// <summary>
    /// Reports only values of the wrong JSON type, so that admission plugins can rely on the
    /// shape of what they read; the full validation runs after mutation.
    /// </summary>
    public static void ValidateTypes(JsonNode? node, JsonObject schema, string path, List<StatusCause> errors) =>
        Validate(node, schema, path, errors, typesOnly: true);

    private static void Validate(JsonNode? node, JsonObject schema, string path, List<StatusCause> errors, bool typesOnly)
    {
        if (node is null)
        {
            if (!SchemaKeywords.Flag(schema, "nullable") && SchemaKeywords.Type(schema) is not null)
            {
                errors.Add(Invalid(path, "null", $"{path} in body must be of type {SchemaKeywords.Type(schema)}: \"null\""));
            }

            return;
        }

        if (!CheckType(node, schema, path, errors))
        {
            return;
        }

        if (typesOnly)
        {
            ValidateChildTypes(node, schema, path, errors);
            return;
        }

        CheckEnum(node, schema, path, errors);
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                ValidateNumber(value, schema, path, errors);
                break;
        }
    }

    private static void ValidateChildTypes(JsonNode node, JsonObject schema, string path, List<StatusCause> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = SchemaKeywords.Properties(schema);
                var additional = SchemaKeywords.AdditionalProperties(schema);
                foreach (var (name, child) in obj)
                {
                    if ((properties?[name] as JsonObject ?? additional) is { } childSchema && child is not null)
                    {
                        Validate(child, childSchema, SchemaKeywords.Child(path, name), errors, typesOnly: true);
                    }
                }

                break;
            case JsonArray array when SchemaKeywords.Items(schema) is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } element)
                    {
                        Validate(element, items, $"{path}[{i}]", errors, typesOnly: true);
                    }
                }

                break;
        }
    }

    private static bool CheckType(JsonNode node, JsonObject schema, string path, List<StatusCause> errors)
    {
        var type = SchemaKeywords.Type(schema);
        var kind = node.GetValueKind();
        if (SchemaKeywords.IntOrString(schema))
        {
            if (kind is JsonValueKind.String || (kind is JsonValueKind.Number && IsInteger(node)))
            {
                return true;
            }

            errors.Add(Invalid(path, Describe(node), $"{path} in body must be of type integer or string: \"{KindName(kind)}\""));
            return false;
        }

        var ok = type switch
        {
            null => true,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && IsInteger(node),
            _ => true,
        };
        if (!ok)
        {
            errors.Add(Invalid(path, KindName(kind), $"{path} in body must be of type {type}: \"{KindName(kind)}\""));
        }

        return ok;
    }

    private static void CheckEnum(JsonNode node, JsonObject schema, string path, List<StatusCause> errors)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Count == 0)
        {
            return;
        }

        if (allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            return;
        }

        var supported = string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"));
        errors.Add(new StatusCause("FieldValueNotSupported",
            $"Unsupported value: {node.ToJsonString()}: supported values: {supported}", path));
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<StatusCause> errors)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(new StatusCause("FieldValueRequired", "Required value", SchemaKeywords.Child(path, name)));
                }
            }
        }

        if (SchemaKeywords.Long(schema, "maxProperties") is { } maxProps && obj.Count > maxProps)
        {
            errors.Add(new StatusCause("FieldValueTooMany", $"Too many: {obj.Count}: must have at most {maxProps} items", path));
        }

        if (SchemaKeywords.Long(schema, "minProperties") is { } minProps && obj.Count < minProps)
        {
            errors.Add(Invalid(path, obj.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minProps} properties"));
        }

        var properties = SchemaKeywords.Properties(schema);
        var additional = SchemaKeywords.AdditionalProperties(schema);
        foreach (var (name, child) in obj)
        {
            var childSchema = properties?[name] as JsonObject ?? additional;
            if (childSchema is not null)
            {
                Validate(child, childSchema, SchemaKeywords.Child(path, name), errors);
            }
        }
    }

    private static void ValidateArray(JsonArray array, JsonObject schema, string path, List<StatusCause> errors)
    {
        if (SchemaKeywords.Long(schema, "maxItems") is { } max && array.Count > max)
        {
            errors.Add(new StatusCause("FieldValueTooMany", $"Too many: {array.Count}: must have at most {max} items", path));
        }

        if (SchemaKeywords.Long(schema, "minItems") is { } min && array.Count < min)
        {
            errors.Add(Invalid(path, array.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {min} items"));
        }

        var setSemantics = SchemaKeywords.Flag(schema, "uniqueItems") || schema["x-kubernetes-list-type"]?.GetValue<string>() == "set";
        if (setSemantics)
        {
            for (var i = 0; i < array.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                    {
                        errors.Add(new StatusCause("FieldValueDuplicate", $"Duplicate value: {array[i]?.ToJsonString() ?? "null"}", $"{path}[{i}]"));
                        break;
                    }
                }
            }
        }

        if (SchemaKeywords.Items(schema) is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void ValidateString(string value, JsonObject schema, string path, List<StatusCause> errors)
    {
        var length = new StringInfo(value).LengthInTextElements;
        if (SchemaKeywords.Long(schema, "maxLength") is { } max && length > max)
        {
            errors.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {max} bytes", path));
        }

        if (SchemaKeywords.Long(schema, "minLength") is { } min && length < min)
        {
            errors.Add(Invalid(path, Quote(value), $"{path} in body should be at least {min} chars long"));
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Matches(value, pattern))
        {
            errors.Add(Invalid(path, Quote(value), $"{path} in body should match '{pattern}'"));
        }

        if (schema["format"]?.GetValue<string>() is { } format && !FormatChecker.IsValid(format, value))
        {
            errors.Add(Invalid(path, Quote(value), $"{path} in body must be of type {format}: {Quote(value)}"));
        }
    }

    private static void ValidateNumber(JsonValue value, JsonObject schema, string path, List<StatusCause> errors)
    {
        JsonNumbers.TryGetDouble(value, out var number);
        var text = value.ToJsonString();
        if (SchemaKeywords.Double(schema, "maximum") is { } max)
        {
            var exclusive = SchemaKeywords.Flag(schema, "exclusiveMaximum");
            if (exclusive ? number >= max : number > max)
            {
                errors.Add(Invalid(path, text, $"{path} in body should be less than {(exclusive ? "" : "or equal to ")}{Format(max)}"));
            }
        }

        if (SchemaKeywords.Double(schema, "minimum") is { } min)
        {
            var exclusive = SchemaKeywords.Flag(schema, "exclusiveMinimum");
            if (exclusive ? number <= min : number < min)
            {
                errors.Add(Invalid(path, text, $"{path} in body should be greater than {(exclusive ? "" : "or equal to ")}{Format(min)}"));
            }
        }

        if (SchemaKeywords.Double(schema, "multipleOf") is { } multiple && multiple != 0 && Math.Abs(Math.IEEERemainder(number, multiple)) > 1e-9)
        {
            errors.Add(Invalid(path, text, $"{path} in body should be a multiple of {Format(multiple)}"));
        }

        var format = schema["format"]?.GetValue<string>();
        if (format == "int32" && (number < int.MinValue || number > int.MaxValue))
        {
            errors.Add(Invalid(path, text, $"{path} in body must be of type int32: {text}"));
        }
    }

    private static bool Matches(string value, string pattern)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true; // an invalid pattern is a definition bug, reported when the definition is loaded
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool IsInteger(JsonNode node) => JsonNumbers.IsInteger(node);

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Describe(JsonNode node) => node.ToJsonString();

    private static string Quote(string value) => JsonSerializer.Serialize(value, SchemaJsonContext.Default.String);

    private static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static StatusCause Invalid(string path, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {(value.StartsWith('"') ? value : "\"" + value + "\"")}: {detail}", path);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SchemaJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
