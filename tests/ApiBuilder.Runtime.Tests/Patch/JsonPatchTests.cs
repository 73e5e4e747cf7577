using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Patch;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Patch;

public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":2}]""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a","value":2}]""", """{"a":2}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/-","value":3}]""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/2","value":3}]""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/0","value":0}]""", """{"a":[0,1,2]}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"","value":[1]}]""", """[1]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/n","value":null}]""", """{"a":1,"n":null}""")]
    [InlineData("""{"":1}""", """[{"op":"replace","path":"/","value":2}]""", """{"":2}""")]
    [InlineData("""{"a/b":1,"m~n":2}""", """[{"op":"remove","path":"/a~1b"},{"op":"replace","path":"/m~0n","value":3}]""", """{"m~n":3}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/1"}]""", """{"a":[1,3]}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"replace","path":"/a/2","value":9}]""", """{"a":[1,2,9]}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"a":{"b":1},"c":{}}""", """[{"op":"move","from":"/a/b","path":"/c/d"}]""", """{"a":{},"c":{"d":1}}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/0","path":"/a/-"}]""", """{"a":[2,3,1]}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a"}]""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":1,"ab":2}""", """[{"op":"move","from":"/a","path":"/ab"}]""", """{"ab":1}""")]
    [InlineData("""{"a":{"b":[1]}}""", """[{"op":"copy","from":"/a","path":"/c"},{"op":"add","path":"/c/b/-","value":2}]""", """{"a":{"b":[1]},"c":{"b":[1,2]}}""")]
    [InlineData("""{"a":{"x":1,"y":[1,"s",null,true]}}""", """[{"op":"test","path":"/a","value":{"y":[1.0,"s",null,true],"x":1e0}}]""", """{"a":{"x":1,"y":[1,"s",null,true]}}""")]
    [InlineData("""{"a":null}""", """[{"op":"test","path":"/a","value":null}]""", """{"a":null}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":1,"extra":"ignored","from":"/zzz"}]""", """{"a":1,"b":1}""")]
    [InlineData("""{"a":1}""", "[]", """{"a":1}""")]
    [InlineData("null", """[{"op":"add","path":"","value":{"a":1}}]""", """{"a":1}""")]
    public void Applies(string document, string patch, string expected)
    {
        var result = Apply(document, patch);

        AssertJson(expected, result);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"add\"")]
    [InlineData("")]
    [InlineData("[")]
    [InlineData("[1]")]
    [InlineData("""[{"path":"/a","value":1}]""")]
    [InlineData("""[{"op":"add","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[{"op":"replace","path":"/a"}]""")]
    [InlineData("""[{"op":"test","path":"/a"}]""")]
    [InlineData("""[{"op":"move","path":"/a"}]""")]
    [InlineData("""[{"op":"copy","path":"/a"}]""")]
    [InlineData("""[{"op":"copy","path":"/a","from":1}]""")]
    [InlineData("""[{"op":"spam","path":"/a"}]""")]
    [InlineData("""[{"op":"Add","path":"/a","value":1}]""")]
    [InlineData("""[{"op":1,"path":"/a","value":1}]""")]
    [InlineData("""[{"op":"add","path":1,"value":1}]""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a~","value":1}]""")]
    [InlineData("""[{"op":"move","path":"/a","from":"b"}]""")]
    [InlineData("""[{"op":"add","path":"/a","value":1,"op":"remove"}]""")]
    public void Rejects_a_malformed_patch_as_malformed(string patch)
    {
        var error = Assert.Throws<JsonPatchException>(() => Apply("""{"a":{"b":1}}""", patch));

        Assert.Equal(JsonPatchErrorKind.Malformed, error.Kind);
        Assert.StartsWith("unable to parse patch: ", error.Message);
    }

    [Fact]
    public void A_malformed_operation_wins_over_an_earlier_failing_one()
    {
        // The whole patch is validated first: a 400 is not hidden behind a 422.
        var patch = """[{"op":"remove","path":"/missing"},{"op":"bogus","path":"/a"}]""";

        var error = Assert.Throws<JsonPatchException>(() => Apply("{}", patch));

        Assert.Equal(JsonPatchErrorKind.Malformed, error.Kind);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/x/y","value":1}]""", "doc is missing path: /x/y")]
    [InlineData("""[{"op":"remove","path":"/x"}]""", "doc is missing path: /x")]
    [InlineData("""[{"op":"replace","path":"/x","value":1}]""", "doc is missing path: /x")]
    [InlineData("""[{"op":"move","from":"/x","path":"/y"}]""", "doc is missing path: /x")]
    [InlineData("""[{"op":"copy","from":"/x","path":"/y"}]""", "doc is missing path: /x")]
    [InlineData("""[{"op":"test","path":"/x","value":1}]""", "doc is missing path: /x")]
    [InlineData("""[{"op":"test","path":"/spec/x","value":2}]""", "the test operation failed at path /spec/x")]
    [InlineData("""[{"op":"test","path":"/spec/x","value":"1"}]""", "the test operation failed at path /spec/x")]
    [InlineData("""[{"op":"add","path":"/list/3","value":1}]""", "out of range")]
    [InlineData("""[{"op":"add","path":"/list/01","value":1}]""", "not a valid array index")]
    [InlineData("""[{"op":"add","path":"/list/x","value":1}]""", "not a valid array index")]
    [InlineData("""[{"op":"add","path":"/list/-1","value":1}]""", "not a valid array index")]
    [InlineData("""[{"op":"remove","path":"/list/2"}]""", "out of range")]
    [InlineData("""[{"op":"remove","path":"/list/-"}]""", "not a valid array index")]
    [InlineData("""[{"op":"replace","path":"/list/2","value":1}]""", "out of range")]
    [InlineData("""[{"op":"remove","path":""}]""", "whole document")]
    [InlineData("""[{"op":"add","path":"/spec/x/y","value":1}]""", "neither an object nor an array")]
    [InlineData("""[{"op":"move","from":"/spec","path":"/spec/inner"}]""", "cannot be moved into one of its children")]
    [InlineData("""[{"op":"move","from":"","path":"/spec"}]""", "cannot be moved into one of its children")]
    public void Reports_a_patch_that_does_not_apply_as_failed(string patch, string message)
    {
        var error = Assert.Throws<JsonPatchException>(() => Apply("""{"spec":{"x":1},"list":[1,2]}""", patch));

        Assert.Equal(JsonPatchErrorKind.Failed, error.Kind);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Rejects_more_operations_than_the_limit()
    {
        var patch = "[" + string.Join(",", Enumerable.Repeat("""{"op":"test","path":"","value":{}}""", 4)) + "]";

        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(new JsonObject(), Encoding.UTF8.GetBytes(patch), maxOperations: 3));

        Assert.Equal(JsonPatchErrorKind.TooManyOperations, error.Kind);
        Assert.Equal("The allowed maximum operations in a JSON patch is 3, got 4", error.Message);
        Assert.NotNull(JsonPatch.Apply(new JsonObject(), Encoding.UTF8.GetBytes(patch), maxOperations: 4));
    }

    [Fact]
    public void The_default_limit_is_the_kubernetes_limit_of_ten_thousand()
    {
        var one = """{"op":"test","path":"","value":{}}""";
        var atLimit = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(one, 10000)) + "]");
        var overLimit = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(one, 10001)) + "]");

        Assert.NotNull(JsonPatch.Apply(new JsonObject(), atLimit));
        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(new JsonObject(), overLimit));
        Assert.Equal(JsonPatchErrorKind.TooManyOperations, error.Kind);
    }

    [Fact]
    public void Never_changes_the_input_document()
    {
        var document = JsonNode.Parse("""{"a":{"b":[1,2]},"c":"d"}""")!;
        var before = document.ToJsonString();
        var patch = """
            [{"op":"add","path":"/a/b/-","value":3},{"op":"remove","path":"/c"},
             {"op":"move","from":"/a/b","path":"/e"},{"op":"replace","path":"/a","value":0}]
            """;

        var result = JsonPatch.Apply(document, Encoding.UTF8.GetBytes(patch));

        Assert.Equal(before, document.ToJsonString());
        AssertJson("""{"a":0,"e":[1,2,3]}""", result);
    }

    [Fact]
    public void Leaves_the_input_untouched_when_a_later_operation_fails()
    {
        var document = JsonNode.Parse("""{"a":1}""")!;
        var patch = """[{"op":"remove","path":"/a"},{"op":"test","path":"/a","value":1}]""";

        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(document, Encoding.UTF8.GetBytes(patch)));

        Assert.Equal("""{"a":1}""", document.ToJsonString());
    }

    [Fact]
    public void Values_from_the_patch_are_not_shared_between_results()
    {
        var patch = Encoding.UTF8.GetBytes("""[{"op":"add","path":"/v","value":{"k":[1]}}]""");

        var first = JsonPatch.Apply(new JsonObject(), patch)!;
        first["v"]!["k"]!.AsArray().Add(2);
        var second = JsonPatch.Apply(new JsonObject(), patch);

        AssertJson("""{"v":{"k":[1]}}""", second);
    }

    private static JsonNode? Apply(string document, string patch) =>
        JsonPatch.Apply(JsonNode.Parse(document), Encoding.UTF8.GetBytes(patch));

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(
            JsonNodeEquality.DeepEquals(JsonNode.Parse(expected), actual),
            $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
}
