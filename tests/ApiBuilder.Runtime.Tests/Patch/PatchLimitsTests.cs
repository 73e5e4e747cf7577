using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Patch;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Patch;

/// <summary>Bounds on what a patch may produce: copy amplification, result size, nesting depth.</summary>
public sealed class PatchLimitsTests
{
    [Fact]
    public void Doubling_copies_stop_at_the_accumulated_copy_limit_of_3_MiB()
    {
        // The reported attack: 22 copies, each doubling the object, from a 2 KB patch.
        var patch = new StringBuilder("""[{"op":"add","path":"/d","value":{"x":""" + '"' + new string('x', 1000) + "\"}}");
        for (var i = 0; i < 22; i++)
        {
            patch.Append($$""",{"op":"copy","from":"/d","path":"/d/c{{i}}"}""");
        }

        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(new JsonObject(), Encoding.UTF8.GetBytes(patch.Append(']').ToString())));

        Assert.Equal(JsonPatchErrorKind.Failed, error.Kind);
        Assert.StartsWith("Unable to complete the copy, the accumulated size increase of copy is ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(", exceeding the limit 3145728", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_count_the_compact_json_size_of_each_copied_value_across_the_whole_patch()
    {
        var document = JsonNode.Parse("""{"s":"abc"}""");
        var twice = Encoding.UTF8.GetBytes("""[{"op":"copy","from":"/s","path":"/t"},{"op":"copy","from":"/s","path":"/u"}]""");
        var thrice = Encoding.UTF8.GetBytes("""[{"op":"copy","from":"/s","path":"/t"},{"op":"copy","from":"/s","path":"/u"},{"op":"copy","from":"/t","path":"/v"}]""");

        Assert.Equal("""{"s":"abc","t":"abc","u":"abc"}""", JsonPatch.Apply(document, twice, maxCopyBytes: 10)!.ToJsonString());
        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(document, thrice, maxCopyBytes: 10));
        Assert.Equal("Unable to complete the copy, the accumulated size increase of copy is 15, exceeding the limit 10", error.Message);
    }

    [Fact]
    public void Adds_and_moves_do_not_count_against_the_copy_limit()
    {
        var document = JsonNode.Parse("""{"s":"abcdefghij"}""");
        var patch = Encoding.UTF8.GetBytes("""[{"op":"add","path":"/t","value":"abcdefghij"},{"op":"move","from":"/s","path":"/u"}]""");

        Assert.Equal("""{"t":"abcdefghij","u":"abcdefghij"}""", JsonPatch.Apply(document, patch, maxCopyBytes: 1)!.ToJsonString());
    }

    [Fact]
    public void A_copy_of_a_value_nested_deeper_than_the_limit_fails_before_it_is_cloned()
    {
        var document = new JsonObject { ["deep"] = Nested(PatchLimits.MaxDepth + 1) };
        var patch = Encoding.UTF8.GetBytes("""[{"op":"copy","from":"/deep","path":"/again"}]""");

        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(document, patch));

        Assert.Equal(JsonPatchErrorKind.Failed, error.Kind);
        Assert.Contains("nested more than 256 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_patch_value_may_nest_as_deep_as_a_request_body()
    {
        var value = Nested(PatchLimits.MaxDepth - 2).ToJsonString();
        var patch = Encoding.UTF8.GetBytes($$"""[{"op":"add","path":"/v","value":{{value}}}]""");

        var result = JsonPatch.Apply(new JsonObject(), patch);

        Assert.False(JsonMeasure.NestsDeeperThan(result, PatchLimits.MaxDepth));
    }

    [Fact]
    public void A_merge_patch_deeper_than_the_limit_is_refused_before_merging()
    {
        var error = Assert.Throws<JsonPatchException>(() => JsonMergePatch.Apply(new JsonObject(), Nested(PatchLimits.MaxDepth + 1)));

        Assert.Equal(JsonPatchErrorKind.Failed, error.Kind);
        Assert.NotNull(JsonMergePatch.Apply(new JsonObject(), Nested(PatchLimits.MaxDepth)));
    }

    [Fact]
    public void A_result_nested_deeper_than_the_limit_does_not_fit()
    {
        PatchLimits.EnsureFits(Nested(PatchLimits.MaxDepth), new JsonObject(), 1 << 20);

        var error = Assert.Throws<JsonPatchException>(() => PatchLimits.EnsureFits(Nested(PatchLimits.MaxDepth + 1), new JsonObject(), 1 << 20));

        Assert.Equal(JsonPatchErrorKind.Failed, error.Kind);
    }

    [Fact]
    public void A_result_over_the_size_limit_does_not_fit_unless_it_shrinks_the_object()
    {
        var small = new JsonObject { ["s"] = "abc" };
        var large = new JsonObject { ["s"] = new string('x', 100) };
        var larger = new JsonObject { ["s"] = new string('x', 200) };

        PatchLimits.EnsureFits(small, large, maxBytes: 50);
        PatchLimits.EnsureFits(large, larger, maxBytes: 50);
        var error = Assert.Throws<JsonPatchException>(() => PatchLimits.EnsureFits(larger, small, maxBytes: 50));

        Assert.Equal(JsonPatchErrorKind.ResultTooLarge, error.Kind);
        Assert.Equal("the patched object would be 208 bytes, more than the limit of 50 bytes", error.Message);
    }

    [Theory]
    [InlineData("""{"a":[1,2.5,true,null],"b":{"c":"d"}}""")]
    [InlineData("""{"ü":"日本","e":"\"\\\n"}""")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Encoded_size_is_the_length_of_the_compact_utf8_json(string json)
    {
        var node = JsonNode.Parse(json);
        var expected = Encoding.UTF8.GetByteCount(node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null");

        Assert.Equal(expected, JsonMeasure.EncodedSize(node));
    }

    // {"a":{"a":...{}}} with depth levels of objects.
    private static JsonObject Nested(int depth)
    {
        var root = new JsonObject();
        var current = root;
        for (var i = 1; i < depth; i++)
        {
            var child = new JsonObject();
            current["a"] = child;
            current = child;
        }

        return root;
    }
}
