using System.Text.Json.Nodes;
using ApiBuilder.Runtime.ManagedFields;
using ApiBuilder.Runtime.Patch;
using ApiBuilder.Runtime.Schema;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Patch;

/// <summary>
/// Strategic merge patch as Kubernetes documents it and as apimachinery's strategicpatch tests exercise it,
/// with the patch metadata derived from a schema's list and map types.
/// </summary>
public sealed class StrategicMergePatchTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "name": {"type": "string"},
                "merging": {
                  "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                  "items": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"}, "value": {"type": "string"}, "other": {"type": "string"},
                    "nested": {
                      "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                      "items": {"type": "object", "properties": {"name": {"type": "string"}, "value": {"type": "string"}}}
                    },
                    "plain": {"type": "array", "items": {"type": "string"}}
                  }}
                },
                "tags": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
                "numbers": {"type": "array", "items": {"type": "integer"}, "x-kubernetes-list-type": "set"},
                "args": {"type": "array", "items": {"type": "string"}},
                "ports": {
                  "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
                  "items": {"type": "object", "properties": {"port": {"type": "integer"}, "protocol": {"type": "string"}}}
                },
                "declared": {
                  "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "id",
                  "items": {"type": "object", "properties": {"id": {"type": "string"}, "value": {"type": "string"}}}
                },
                "env": {"type": "object", "additionalProperties": {"type": "string"}},
                "selector": {"type": "object", "x-kubernetes-map-type": "atomic", "properties": {"app": {"type": "string"}, "tier": {"type": "string"}}},
                "volume": {"type": "object", "properties": {"name": {"type": "string"}, "hostPath": {"type": "string"}, "emptyDir": {"type": "object"}}},
                "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
              }
            }
          }
        }
        """)!.AsObject();

    private static readonly FieldType Type = FieldTypeBuilder.ForObject(ObjectMetaSchema.Compose(Schema));

    private static JsonObject Apply(string original, string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(original)!.AsObject(), JsonNode.Parse(patch)!.AsObject(), Type);

    private static void AssertPatch(string original, string patch, string expected)
    {
        var result = Apply(original, patch);
        Assert.True(JsonNodeEquality.DeepEquals(JsonNode.Parse(expected), result), $"expected {expected}, got {result.ToJsonString()}");
    }

    private static JsonPatchException AssertRejected(string original, string patch, JsonPatchErrorKind kind, string message)
    {
        var e = Assert.Throws<JsonPatchException>(() => Apply(original, patch));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(message, e.Message);
        return e;
    }

    [Fact]
    public void Items_of_a_list_of_type_map_merge_by_key()
    {
        AssertPatch(
            """{"spec":{"merging":[{"name":"1","value":"a","other":"x"},{"name":"2","value":"b"}]}}""",
            """{"spec":{"merging":[{"name":"1","value":"c"}]}}""",
            """{"spec":{"merging":[{"name":"1","value":"c","other":"x"},{"name":"2","value":"b"}]}}""");
    }

    [Fact]
    public void A_new_item_of_a_merged_list_goes_first_unless_an_order_is_set()
    {
        // strategicpatch interleaves patch items with server-only items by the live order; a new item has no
        // place in it and comes before them (kubectl sends $setElementOrder when the order matters).
        AssertPatch(
            """{"spec":{"merging":[{"name":"1"},{"name":"2"}]}}""",
            """{"spec":{"merging":[{"name":"3"}]}}""",
            """{"spec":{"merging":[{"name":"3"},{"name":"1"},{"name":"2"}]}}""");
        AssertPatch(
            """{"spec":{"merging":[{"name":"1"},{"name":"2"}]}}""",
            """{"spec":{"$setElementOrder/merging":[{"name":"1"},{"name":"2"},{"name":"3"}],"merging":[{"name":"3"}]}}""",
            """{"spec":{"merging":[{"name":"1"},{"name":"2"},{"name":"3"}]}}""");
    }

    [Fact]
    public void Lists_nested_in_merged_items_merge_too_and_plain_lists_there_are_replaced()
    {
        AssertPatch(
            """{"spec":{"merging":[{"name":"1","nested":[{"name":"a","value":"1"},{"name":"b"}],"plain":["x","y"]}]}}""",
            """{"spec":{"merging":[{"name":"1","nested":[{"name":"a","value":"2"}],"plain":["z"]}]}}""",
            """{"spec":{"merging":[{"name":"1","nested":[{"name":"a","value":"2"},{"name":"b"}],"plain":["z"]}]}}""");
    }

    [Fact]
    public void A_set_merges_by_value_without_duplicates()
    {
        AssertPatch("""{"spec":{"tags":["a","b"]}}""", """{"spec":{"tags":["b","c"]}}""", """{"spec":{"tags":["a","b","c"]}}""");
        AssertPatch("""{"spec":{"numbers":[1,2]}}""", """{"spec":{"numbers":[3,1]}}""", """{"spec":{"numbers":[3,1,2]}}""");
    }

    [Fact]
    public void Atomic_lists_and_lists_with_several_keys_are_replaced()
    {
        AssertPatch("""{"spec":{"args":["a","b"]}}""", """{"spec":{"args":["c"]}}""", """{"spec":{"args":["c"]}}""");

        // A strategic merge patch merges by one key only: kubectl sends such lists whole, so they replace.
        AssertPatch(
            """{"spec":{"ports":[{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}""",
            """{"spec":{"ports":[{"port":443,"protocol":"TCP"}]}}""",
            """{"spec":{"ports":[{"port":443,"protocol":"TCP"}]}}""");
    }

    [Fact]
    public void A_declared_patch_strategy_and_merge_key_are_used()
    {
        AssertPatch(
            """{"spec":{"declared":[{"id":"a","value":"1"},{"id":"b","value":"2"}]}}""",
            """{"spec":{"declared":[{"id":"b","value":"3"}]}}""",
            """{"spec":{"declared":[{"id":"a","value":"1"},{"id":"b","value":"3"}]}}""");
    }

    [Fact]
    public void Maps_merge_recursively_and_null_deletes()
    {
        AssertPatch(
            """{"spec":{"name":"n","env":{"A":"1","B":"2"},"config":{"x":{"y":1,"z":2}}}}""",
            """{"spec":{"name":null,"env":{"A":null,"C":"3"},"config":{"x":{"y":null,"w":3}}}}""",
            """{"spec":{"env":{"B":"2","C":"3"},"config":{"x":{"z":2,"w":3}}}}""");
    }

    [Fact]
    public void Null_members_of_an_added_value_are_dropped()
    {
        AssertPatch("""{"spec":{}}""", """{"spec":{"env":{"A":"1","B":null}}}""", """{"spec":{"env":{"A":"1"}}}""");
    }

    [Fact]
    public void An_atomic_map_is_replaced()
    {
        AssertPatch(
            """{"spec":{"selector":{"app":"a","tier":"t"}}}""",
            """{"spec":{"selector":{"app":"b"}}}""",
            """{"spec":{"selector":{"app":"b"}}}""");
    }

    [Fact]
    public void Patch_delete_removes_a_map_or_the_items_with_its_key()
    {
        AssertPatch("""{"spec":{"env":{"A":"1"},"name":"n"}}""", """{"spec":{"env":{"$patch":"delete"}}}""", """{"spec":{"env":{},"name":"n"}}""");
        AssertPatch(
            """{"spec":{"merging":[{"name":"1"},{"name":"1"},{"name":"2","value":"a"},{"name":"3"}]}}""",
            """{"spec":{"merging":[{"name":"1","$patch":"delete"},{"name":"3","$patch":"delete"}]}}""",
            """{"spec":{"merging":[{"name":"2","value":"a"}]}}""");
    }

    [Fact]
    public void Patch_replace_replaces_a_map_or_a_merged_list()
    {
        AssertPatch("""{"spec":{"env":{"A":"1","B":"2"}}}""", """{"spec":{"env":{"$patch":"replace","C":"3"}}}""", """{"spec":{"env":{"C":"3"}}}""");
        AssertPatch(
            """{"spec":{"merging":[{"name":"1","value":"a"},{"name":"2"}]}}""",
            """{"spec":{"merging":[{"name":"3"},{"$patch":"replace"}]}}""",
            """{"spec":{"merging":[{"name":"3"}]}}""");
        AssertPatch("""{"spec":{"merging":[{"name":"1"}]}}""", """{"spec":{"merging":[{"$patch":"replace"}]}}""", """{"spec":{"merging":[]}}""");
    }

    [Fact]
    public void A_directive_in_a_new_value_is_not_kept()
    {
        AssertPatch("""{"spec":{}}""", """{"spec":{"env":{"$patch":"delete"}}}""", """{"spec":{}}""");
        AssertPatch(
            """{"spec":{}}""",
            """{"spec":{"merging":[{"name":"1","$patch":"delete"},{"name":"2"}],"volume":{"$retainKeys":["name"],"name":"v"}}}""",
            """{"spec":{"merging":[{"name":"2"}],"volume":{"name":"v"}}}""");
    }

    [Fact]
    public void Retain_keys_clears_the_members_not_listed()
    {
        AssertPatch(
            """{"spec":{"volume":{"name":"v","hostPath":"/data"}}}""",
            """{"spec":{"volume":{"$retainKeys":["name","emptyDir"],"emptyDir":{}}}}""",
            """{"spec":{"volume":{"name":"v","emptyDir":{}}}}""");
    }

    [Fact]
    public void Retain_keys_must_list_every_member_the_patch_sets()
    {
        AssertRejected("""{"spec":{"volume":{"name":"v"}}}""", """{"spec":{"volume":{"$retainKeys":["name"],"hostPath":"/x"}}}""",
            JsonPatchErrorKind.Malformed, "invalid patch format of retainKeys");
        AssertRejected("""{"spec":{"volume":{"name":"v"}}}""", """{"spec":{"volume":{"$retainKeys":"name"}}}""",
            JsonPatchErrorKind.Malformed, "invalid patch format of retainKeys");
    }

    [Fact]
    public void Delete_from_primitive_list_removes_values_and_never_adds()
    {
        AssertPatch("""{"spec":{"tags":["a","b","c"]}}""", """{"spec":{"$deleteFromPrimitiveList/tags":["b","x"]}}""", """{"spec":{"tags":["a","c"]}}""");
        AssertPatch("""{"spec":{"tags":[]}}""", """{"spec":{"$deleteFromPrimitiveList/tags":["b"]}}""", """{"spec":{"tags":[]}}""");
        AssertPatch("""{"spec":{}}""", """{"spec":{"$deleteFromPrimitiveList/tags":["b"]}}""", """{"spec":{}}""");
    }

    [Fact]
    public void Set_element_order_orders_a_set_and_a_merged_list()
    {
        AssertPatch(
            """{"spec":{"tags":["a","b","c"]}}""",
            """{"spec":{"$setElementOrder/tags":["c","a","b","d"],"tags":["d"]}}""",
            """{"spec":{"tags":["c","a","b","d"]}}""");
        AssertPatch(
            """{"spec":{"merging":[{"name":"1"},{"name":"2","other":"b"},{"name":"4","other":"c"}]}}""",
            """{"spec":{"$setElementOrder/merging":[{"name":"2"},{"name":"3"}],"merging":[{"name":"3"},{"name":"1","$patch":"delete"}]}}""",
            """{"spec":{"merging":[{"name":"2","other":"b"},{"name":"3"},{"name":"4","other":"c"}]}}""");
    }

    [Fact]
    public void Set_element_order_must_list_the_patch_items_in_their_order()
    {
        var e = Assert.Throws<JsonPatchException>(() => Apply(
            """{"spec":{"tags":["a"]}}""", """{"spec":{"$setElementOrder/tags":["a","b"],"tags":["c"]}}"""));
        Assert.Equal(JsonPatchErrorKind.Malformed, e.Kind);
        Assert.StartsWith("The order in patch list:\n[c]\n doesn't match $setElementOrder list:\n[a b]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"spec":{"$setElementOrderX/tags":["a"]}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"spec":{"$setElementOrder":["a"]}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"spec":{"$deleteFromPrimitiveList":["a"]}}""", "invalid patch format of primitive list")]
    [InlineData("""{"spec":{"$setElementOrder/tags":"a"}}""", "expected a []interface {}, but received a string")]
    [InlineData("""{"spec":{"env":{"$patch":"merge"}}}""", "unknown patch type: merge in map: map[$patch:merge]")]
    [InlineData("""{"spec":{"env":{"$patch":"bogus","A":"1"}}}""", "unknown patch type: bogus in map: map[$patch:bogus A:1]")]
    [InlineData("""{"spec":{"merging":[{"name":"1","$patch":"bogus"}]}}""", "unknown patch type: bogus in map: map[$patch:bogus name:1]")]
    [InlineData("""{"spec":{"merging":[{"name":"1","$patch":"merge"}]}}""", "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"spec":{"merging":[{"value":"x"}]}}""", "map: map[value:x] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"merging":[{"$patch":"delete"}]}}""", "map: map[$patch:delete] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"tags":["a",1]}}""", "list element types are not identical: [[a] [a 1]]")]
    public void Malformed_directives_are_rejected_with_strategicpatch_messages(string patch, string message)
    {
        AssertRejected("""{"spec":{"env":{"A":"1"},"tags":["a"],"merging":[{"name":"1"}]}}""", patch, JsonPatchErrorKind.Malformed, message);
    }

    [Fact]
    public void Lists_of_lists_cannot_merge()
    {
        AssertRejected("""{"spec":{"tags":[["a"]]}}""", """{"spec":{"tags":[["b"]]}}""", JsonPatchErrorKind.Failed, "lists of lists are not supported");
    }

    [Fact]
    public void Object_meta_follows_kubernetes_patch_strategies()
    {
        AssertPatch(
            """{"metadata":{"labels":{"a":"1","b":"2"},"finalizers":["x/a"],"ownerReferences":[{"uid":"u1","name":"one","kind":"K","apiVersion":"v1"}]}}""",
            """{"metadata":{"labels":{"a":null,"c":"3"},"finalizers":["x/b"],"ownerReferences":[{"uid":"u2","name":"two","kind":"K","apiVersion":"v1"},{"uid":"u1","name":"renamed"}]}}""",
            """{"metadata":{"labels":{"b":"2","c":"3"},"finalizers":["x/b","x/a"],"ownerReferences":[{"uid":"u2","name":"two","kind":"K","apiVersion":"v1"},{"uid":"u1","name":"renamed","kind":"K","apiVersion":"v1"}]}}""");
    }

    [Fact]
    public void Patch_replace_at_the_top_replaces_the_object_and_delete_empties_it()
    {
        AssertPatch("""{"spec":{"name":"n"},"metadata":{"name":"x"}}""", """{"$patch":"replace","spec":{"name":"m"}}""", """{"spec":{"name":"m"}}""");
        AssertPatch("""{"spec":{"name":"n"}}""", """{"$patch":"delete"}""", "{}");
    }

    [Fact]
    public void A_value_of_another_type_replaces_and_unknown_fields_merge_as_maps()
    {
        AssertPatch("""{"spec":{"env":{"A":"1"}}}""", """{"spec":{"env":["x"]}}""", """{"spec":{"env":["x"]}}""");
        AssertPatch("""{"extra":{"a":{"b":1}}}""", """{"extra":{"a":{"c":2}}}""", """{"extra":{"a":{"b":1,"c":2}}}""");
    }

    [Fact]
    public void The_inputs_are_not_changed()
    {
        var original = JsonNode.Parse("""{"spec":{"merging":[{"name":"1","value":"a"}],"tags":["a"]}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"spec":{"merging":[{"name":"1","value":"b"},{"name":"2"}],"tags":["b"],"$retainKeys":["merging","tags"]}}""")!.AsObject();
        var originalText = original.ToJsonString();
        var patchText = patch.ToJsonString();

        StrategicMergePatch.Apply(original, patch, Type);

        Assert.Equal(originalText, original.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
    }

    [Fact]
    public void A_patch_nested_deeper_than_the_limit_is_rejected()
    {
        var deep = new JsonObject();
        var node = deep;
        for (var i = 0; i < PatchLimits.MaxDepth + 1; i++)
        {
            var child = new JsonObject();
            node["a"] = child;
            node = child;
        }

        var e = Assert.Throws<JsonPatchException>(() => StrategicMergePatch.Apply(new JsonObject(), deep, Type));
        Assert.Equal(JsonPatchErrorKind.Failed, e.Kind);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"spec":{"type":"object","properties":{"a":{"type":"string"},"l":{"type":"array","items":{"type":"object","properties":{"n":{"type":"integer"}}}},"m":{"type":"object","additionalProperties":{"type":"string"}}}}}}""", true)]
    [InlineData("""{"type":"object","properties":{"spec":{"type":"object","properties":{"m":{"type":"object","additionalProperties":{"type":"object","properties":{"x":{"type":"string"}}}}}}}}""", false)]
    [InlineData("""{"type":"object","properties":{"spec":{"type":"object","properties":{"raw":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}""", false)]
    [InlineData("""{"type":"object","properties":{"spec":{"type":"object","properties":{"any":{}}}}}""", false)]
    [InlineData("""{"type":"object","properties":{"spec":{"type":"object","properties":{"matrix":{"type":"array","items":{"type":"array","items":{"type":"string"}}}}}}}""", false)]
    public void Kubectl_is_offered_strategic_merge_patch_only_where_it_can_look_up_every_field(string schema, bool expected)
    {
        Assert.Equal(expected, PatchMeta.KubectlCanDiff(JsonNode.Parse(schema)!.AsObject()));
    }

    [Fact]
    public void Published_schemas_carry_the_strategy_kubectl_reads()
    {
        var published = (JsonObject)Schema.DeepClone();
        PatchMeta.Publish(published);
        var spec = published["properties"]!["spec"]!["properties"]!;

        Assert.Equal("merge", (string?)spec["merging"]!["x-kubernetes-patch-strategy"]);
        Assert.Equal("name", (string?)spec["merging"]!["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)spec["merging"]!["items"]!["properties"]!["nested"]!["x-kubernetes-patch-strategy"]);
        Assert.Equal("merge", (string?)spec["tags"]!["x-kubernetes-patch-strategy"]);
        Assert.Null(spec["tags"]!["x-kubernetes-patch-merge-key"]);
        Assert.Equal("replace", (string?)spec["selector"]!["x-kubernetes-patch-strategy"]);
        Assert.Null(spec["args"]!["x-kubernetes-patch-strategy"]);
        Assert.Null(spec["ports"]!["x-kubernetes-patch-strategy"]);
        Assert.Null(spec["env"]!["x-kubernetes-patch-strategy"]);
    }
}
