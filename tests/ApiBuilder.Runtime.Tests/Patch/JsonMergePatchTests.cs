using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Patch;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Patch;

public sealed class JsonMergePatchTests
{
    // RFC 7386 Appendix A, every row.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", "{}")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("[1,2]", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Applies_the_rfc_7386_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        AssertJson(expected, result);
    }

    [Fact]
    public void Applies_the_rfc_7386_section_3_example()
    {
        var target = """
            {"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},
             "tags":["example","sample"],"content":"This will be unchanged"}
            """;
        var patch = """
            {"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}
            """;

        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        AssertJson("""
            {"title":"Hello!","author":{"givenName":"John"},"tags":["example"],
             "content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}
            """, result);
    }

    [Fact]
    public void Keeps_nulls_inside_arrays_because_arrays_replace_whole()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("{}"), JsonNode.Parse("""{"a":[null,{"b":null}]}"""));

        AssertJson("""{"a":[null,{"b":null}]}""", result);
    }

    [Fact]
    public void Never_changes_its_inputs_nor_shares_nodes_with_them()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":[1]},"d":2}""")!;
        var patch = JsonNode.Parse("""{"a":{"b":null,"e":{"f":1}},"d":null,"g":[1]}""")!;
        var targetBefore = target.ToJsonString();
        var patchBefore = patch.ToJsonString();

        var result = JsonMergePatch.Apply(target, patch)!;
        result["a"]!["c"]!.AsArray().Add(2);
        result["a"]!["e"]!["f"] = 9;
        result["g"]!.AsArray().Add(2);

        Assert.Equal(targetBefore, target.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b","c":1}""", """{"a":"b"}""", """{"c":null}""")]
    [InlineData("""{"a":{"b":1,"c":2}}""", """{"a":{"b":1,"c":3,"d":[1]}}""", """{"a":{"c":3,"d":[1]}}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1}}""", "{}")]
    [InlineData("""{"a":1}""", """{"a":1.0}""", "{}")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2]}""", """{"a":[2]}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":"flat"}""", """{"a":"flat"}""")]
    [InlineData("""{"a":1}""", """[1]""", """[1]""")]
    public void Creates_the_patch_between_two_documents(string original, string modified, string expectedPatch)
    {
        var patch = JsonMergePatch.CreatePatch(JsonNode.Parse(original), JsonNode.Parse(modified));

        AssertJson(expectedPatch, patch);
    }

    [Theory]
    [InlineData("{}", """{"spec":{"replicas":3,"template":{"labels":{"app":"x"}}}}""")]
    [InlineData("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"x":[1,{"y":2}]}}""", """{"metadata":{"labels":{"a":"1","c":"3"}},"spec":{"x":[{"y":3}]}}""")]
    [InlineData("""{"a":{"b":{"c":{"d":1}}},"e":"f"}""", """{"a":{"b":{"c":{}}},"g":true}""")]
    [InlineData("""{"a":[1],"b":{"c":1}}""", """{"a":{"x":1},"b":[1]}""")]
    public void Created_patches_round_trip_through_apply(string original, string modified)
    {
        var originalNode = JsonNode.Parse(original);
        var modifiedNode = JsonNode.Parse(modified);

        var result = JsonMergePatch.Apply(originalNode, JsonMergePatch.CreatePatch(originalNode, modifiedNode));

        AssertJson(modified, result);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(
            JsonNodeEquality.DeepEquals(JsonNode.Parse(expected), actual),
            $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
}
