using System.Text.Json.Nodes;
using ApiBuilder.Runtime.OpenApi;
using Xunit;

namespace ApiBuilder.Runtime.Tests.OpenApi;

public sealed class SchemaV2ConverterTests
{
    private static string Convert(string schema)
    {
        var node = JsonNode.Parse(schema)!.AsObject();
        SchemaV2Converter.Convert(node);
        return node.ToJsonString();
    }

    [Fact]
    public void RewritesReferencesAndCollapsesSingleAllOf()
    {
        Assert.Equal(
            """{"description":"d","$ref":"#/definitions/X"}""",
            Convert("""{"description":"d","allOf":[{"$ref":"#/components/schemas/X"}]}"""));
    }

    [Fact]
    public void KeepsAllOfWithSeveralParts()
    {
        Assert.Equal(
            """{"allOf":[{"$ref":"#/definitions/A"},{"type":"object"}]}""",
            Convert("""{"allOf":[{"$ref":"#/components/schemas/A"},{"type":"object","nullable":false}]}"""));
    }

    [Fact]
    public void ConvertsNestedSchemas_ButNeverData()
    {
        // A property may be called "nullable" or "oneOf", and defaults and enums are data, not schema.
        var converted = Convert("""
        {
          "type": "object",
          "properties": {
            "nullable": { "type": "string", "nullable": true },
            "oneOf": { "type": "array", "items": { "oneOf": [{ "type": "string" }], "type": "string" } },
            "map": { "type": "object", "additionalProperties": { "anyOf": [{ "type": "integer" }], "not": {} } }
          },
          "default": { "nullable": true, "oneOf": 1 },
          "x-kubernetes-validations": [{ "rule": "self.oneOf == 1", "nullable": true }]
        }
        """);

        Assert.Equal(
            """{"type":"object","properties":{"nullable":{},"oneOf":{"type":"array","items":{"type":"string"}},"map":{"type":"object","additionalProperties":{}}},"default":{"nullable":true,"oneOf":1},"x-kubernetes-validations":[{"rule":"self.oneOf == 1","nullable":true}]}""",
            converted);
    }
}
