using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>How SQLite and etcd values become objects: the revision is the resourceVersion, everything else as stored.</summary>
public sealed class StoredValuesTests
{
    private static string Decoded(string stored, long revision = 42) =>
        StoredValues.Decode("/k", Encoding.UTF8.GetBytes(stored), revision, "test").Value.ToJsonString();

    [Theory]
    [InlineData("""{"apiVersion":"v1","metadata":{"name":"a","labels":{"x":"y"}},"spec":{"n":[1,2.5,{"d":null}],"s":"\u00e9\"<"}}""",
        """{"apiVersion":"v1","metadata":{"name":"a","labels":{"x":"y"},"resourceVersion":"42"},"spec":{"n":[1,2.5,{"d":null}],"s":"é\"<"}}""")]
    [InlineData("""{"kind":"K"}""", """{"kind":"K","metadata":{"resourceVersion":"42"}}""")]
    [InlineData("""{"metadata":{},"spec":1}""", """{"metadata":{"resourceVersion":"42"},"spec":1}""")]
    [InlineData(""" { "metadata" : { "name" : "w" } , "spec" : [ ] } """, """{"metadata":{"name":"w","resourceVersion":"42"},"spec":[]}""")]
    [InlineData("""{"spec":{"metadata":{"x":1}},"metadata":{"labels":{"resourceVersion":"x"}}}""", """{"spec":{"metadata":{"x":1}},"metadata":{"labels":{"resourceVersion":"x"},"resourceVersion":"42"}}""")]
    [InlineData("""{"metadata":{"resourceVersion":"7","name":"b"}}""", """{"metadata":{"name":"b","resourceVersion":"42"}}""")]
    [InlineData("""{"metadata":null,"spec":{}}""", """{"metadata":{"resourceVersion":"42"},"spec":{}}""")]
    [InlineData("""{"a\u0041":true,"metadata":{"n\u0061me":"c"}}""", """{"aA":true,"metadata":{"name":"c","resourceVersion":"42"}}""")]
    public void The_revision_becomes_the_resourceVersion_and_the_rest_is_kept(string stored, string expected) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), JsonNode.Parse(Decoded(stored))!.ToJsonString());

    [Fact]
    public void A_decoded_object_reads_and_changes_like_any_other()
    {
        var value = StoredValues.Decode("/k", Encoding.UTF8.GetBytes("""{"metadata":{"name":"a"},"spec":{"list":[1]}}"""), 9, "test").Value;

        Assert.Equal("9", value["metadata"]!["resourceVersion"]!.GetValue<string>());
        value["spec"]!["list"]!.AsArray().Add(2);
        Assert.Equal("""{"metadata":{"name":"a","resourceVersion":"9"},"spec":{"list":[1,2]}}""", value.ToJsonString());
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\":")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("{\"a\":[1,}")]
    public void A_value_that_is_not_an_object_makes_the_key_unreadable(string stored)
    {
        var error = Assert.Throws<StorageException>(() => Decoded(stored));
        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
    }

    [Fact]
    public void Encoding_drops_the_resourceVersion_and_decoding_puts_it_back()
    {
        var obj = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"a","resourceVersion":"5"},"spec":{"v":1}}""")!;
        var bytes = StoredValues.Encode(obj);

        Assert.DoesNotContain("resourceVersion", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("""{"metadata":{"name":"a","resourceVersion":"6"},"spec":{"v":1}}""", StoredValues.Decode("/k", bytes, 6, "test").Value.ToJsonString());
    }

    [Fact]
    public void A_decoded_object_is_kept_as_bytes_until_read_and_written_out_as_they_are()
    {
        var stored = StoredValues.Decode("/k", Encoding.UTF8.GetBytes("""{"metadata":{"name":"a"},"spec":{"s":"\u00e9"}}"""), 3, "test");
        Assert.Equal("""{"metadata":{"name":"a","resourceVersion":"3"},"spec":{"s":"\u00e9"}}""", Encoding.UTF8.GetString(stored.UnparsedJson));
        Assert.Equal("""{"metadata":{"name":"a","resourceVersion":"3"},"spec":{"s":"\u00e9"}}""", Written(stored));

        // A copy for a long-lived holder shares the bytes, and what a reader parses stays with the reader.
        var kept = stored.Unparsed();
        Assert.Equal("é", kept.Unparsed().Value["spec"]!["s"]!.GetValue<string>());
        Assert.False(kept.UnparsedJson.IsEmpty);

        var read = stored.Value;
        Assert.Same(read, stored.Value);
        Assert.True(stored.UnparsedJson.IsEmpty);
        Assert.Equal("""{"metadata":{"name":"a","resourceVersion":"3"},"spec":{"s":"é"}}""", Written(stored));

        // Replacing the value drops the bytes.
        var replaced = kept with { Value = new JsonObject { ["kind"] = "K" } };
        Assert.True(replaced.UnparsedJson.IsEmpty);
        Assert.Equal("""{"kind":"K"}""", Written(replaced));
    }

    [Fact]
    public void Objects_nested_as_deep_as_the_decoder_allows_parse_when_read()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var stored = StoredValues.Decode("/k", Encoding.UTF8.GetBytes("{\"spec\":" + deep + "}"), 1, "test");
        Assert.NotNull(stored.Value["spec"]);
    }

    [Theory]
    [InlineData("""{"metadata":{"apiVersion":"x"},"apiVersion":"g/v1"}""", "g/v1", true)]
    [InlineData("""{"spec":{"apiVersion":"g/v1"},"apiVersion":"g/v2"}""", "g/v1", false)]
    [InlineData("""{"apiVersion":"g\/v1"}""", "g/v1", true)]
    [InlineData("""{"apiVersion":1}""", "1", false)]
    [InlineData("""{"kind":"K"}""", "g/v1", false)]
    public void The_apiVersion_is_read_from_the_bytes_as_from_the_parsed_object(string json, string groupVersion, bool expected)
    {
        var stored = StoredValues.Decode("/k", Encoding.UTF8.GetBytes(json), 1, "test");
        Assert.Equal(expected, stored.HasApiVersion(groupVersion));
        Assert.False(stored.UnparsedJson.IsEmpty);
        _ = stored.Value;
        Assert.Equal(expected, stored.HasApiVersion(groupVersion));
    }

    private static string Written(StoredObject stored)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            stored.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
