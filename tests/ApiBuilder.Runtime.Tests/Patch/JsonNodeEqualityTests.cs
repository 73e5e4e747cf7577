using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Patch;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Patch;

public sealed class JsonNodeEqualityTests
{
    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("100", "1e2")]
    [InlineData("-0.5", "-5E-1")]
    [InlineData("12345678901234567890", "12345678901234567890.0")]
    [InlineData("\"a\\u0062\"", "\"ab\"")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("""{"a":1,"b":[1,{"c":null}]}""", """{"b":[1.0,{"c":null}],"a":1}""")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    public void Equal(string left, string right)
    {
        Assert.True(JsonNodeEquality.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right)));
        Assert.True(JsonNodeEquality.DeepEquals(JsonNode.Parse(right), JsonNode.Parse(left)));
    }

    [Theory]
    [InlineData("1", "\"1\"")]
    [InlineData("1", "1.0000001")]
    [InlineData("12345678901234567890", "12345678901234567891")]
    [InlineData("0", "false")]
    [InlineData("null", "{}")]
    [InlineData("null", "\"\"")]
    [InlineData("true", "false")]
    [InlineData("\"a\"", "\"A\"")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("[1]", "[1,1]")]
    [InlineData("""{"a":1}""", """{"a":1,"b":1}""")]
    [InlineData("""{"a":null}""", "{}")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":2}}""")]
    public void Not_equal(string left, string right)
    {
        Assert.False(JsonNodeEquality.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right)));
        Assert.False(JsonNodeEquality.DeepEquals(JsonNode.Parse(right), JsonNode.Parse(left)));
    }

    [Fact]
    public void Compares_values_built_in_code_with_parsed_ones()
    {
        var built = new JsonObject { ["n"] = 1.5, ["i"] = 2, ["s"] = "x", ["b"] = true };

        Assert.True(JsonNodeEquality.DeepEquals(JsonNode.Parse("""{"n":1.50,"i":2.0,"s":"x","b":true}"""), built));
    }
}
