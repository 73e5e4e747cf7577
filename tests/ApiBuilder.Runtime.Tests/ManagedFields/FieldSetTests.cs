using System.Text.Json.Nodes;
using ApiBuilder.Runtime.ManagedFields;
using Xunit;
using static ApiBuilder.Runtime.Tests.ManagedFields.TestTypes;

namespace ApiBuilder.Runtime.Tests.ManagedFields;

public sealed class FieldSetTests
{
    [Fact]
    public void Scalars_and_named_fields_are_leaves_of_their_objects()
    {
        var set = FieldSetBuilder.Build(Obj("""{"spec":{"replicas":3,"image":"nginx"}}"""), TestTypes.Widget);

        Assert.Equal("""{"f:spec":{"f:image":{},"f:replicas":{}}}""", Fields(set));
    }

    [Fact]
    public void Map_entries_are_members_and_a_granular_map_keeps_its_entries_apart()
    {
        var set = FieldSetBuilder.Build(Obj("""{"metadata":{"labels":{"b":"2","a":"1"}}}"""), TestTypes.Widget);

        Assert.Equal("""{"f:metadata":{"f:labels":{"f:a":{},"f:b":{}}}}""", Fields(set));
    }

    [Fact]
    public void Items_of_a_map_list_are_named_by_their_keys_and_are_members_with_their_fields()
    {
        var set = FieldSetBuilder.Build(Obj("""{"spec":{"ports":[{"protocol":"TCP","port":80,"name":"http"}],"containers":[{"name":"app","image":"a"}]}}"""), TestTypes.Widget);

        Assert.Equal(
            """{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}},"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{},"f:protocol":{}}}}}""",
            Fields(set));
    }

    [Fact]
    public void Set_items_are_named_by_value_and_atomic_values_are_one_field()
    {
        var set = FieldSetBuilder.Build(Obj("""{"spec":{"tags":["b","a"],"args":["x","y"],"selector":{"app":"web"}}}"""), TestTypes.Widget);

        Assert.Equal("""{"f:spec":{"f:args":{},"f:selector":{},"f:tags":{"v:\"a\"":{},"v:\"b\"":{}}}}""", Fields(set));
    }

    [Fact]
    public void Preserved_unknown_fields_are_granular_maps_with_atomic_lists()
    {
        var set = FieldSetBuilder.Build(Obj("""{"spec":{"config":{"a":{"b":1},"c":[1,2]}}}"""), TestTypes.Widget);

        Assert.Equal("""{"f:spec":{"f:config":{"f:a":{".":{},"f:b":{}},"f:c":{}}}}""", Fields(set));
    }

    [Fact]
    public void An_empty_object_or_null_of_a_named_field_is_a_member()
    {
        var set = FieldSetBuilder.Build(Obj("""{"spec":{"selector":{},"image":null},"status":{}}"""), TestTypes.Widget);

        Assert.Equal("""{"f:spec":{"f:image":{},"f:selector":{}},"f:status":{}}""", Fields(set));
    }

    [Fact]
    public void Duplicate_items_and_missing_keys_are_refused_in_an_applied_configuration()
    {
        var duplicate = Assert.Throws<FieldPathException>(() =>
            FieldSetBuilder.Build(Obj("""{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}"""), TestTypes.Widget));
        Assert.Equal(".spec.containers: duplicate entries for key [name=\"a\"]", duplicate.Message);

        var missing = Assert.Throws<FieldPathException>(() =>
            FieldSetBuilder.Build(Obj("""{"spec":{"containers":[{"image":"a"}]}}"""), TestTypes.Widget));
        Assert.Contains("omits key field \"name\"", missing.Message);
    }

    [Theory]
    [InlineData("""{"f:a":{}}""")]
    [InlineData("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:x":{}}}""")]
    [InlineData("""{"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{".":{},"f:image":{}},"k:{\"name\":\"b\"}":{}}}}""")]
    [InlineData("""{"f:spec":{"f:tags":{"v:1":{},"v:\"a\"":{},"v:true":{}}}}""")]
    [InlineData("""{"f:list":{"i:0":{},"i:2":{}}}""")]
    public void FieldsV1_round_trips(string fieldsV1)
    {
        var set = FieldsV1.Decode(JsonNode.Parse(fieldsV1));

        Assert.NotNull(set);
        Assert.Equal(fieldsV1, Fields(set));
    }

    [Theory]
    [InlineData("""{"x:a":{}}""")]
    [InlineData("""{"f:a":1}""")]
    [InlineData("""{".":{}}""")]
    [InlineData("""{"k:notjson":{}}""")]
    [InlineData("""{"i:x":{}}""")]
    [InlineData("[]")]
    public void Malformed_FieldsV1_is_refused(string fieldsV1) =>
        Assert.Null(FieldsV1.Decode(JsonNode.Parse(fieldsV1)));

    [Fact]
    public void Elements_sort_fields_first_then_keys_values_and_indexes_by_content()
    {
        var set = new FieldSet();
        set.Insert([PathElement.Index(10)]);
        set.Insert([PathElement.Index(9)]);
        set.Insert([PathElement.Value(JsonValue.Create("b"))]);
        set.Insert([PathElement.Value(JsonValue.Create(2))]);
        set.Insert([PathElement.Key([new("name", JsonValue.Create("z"))])]);
        set.Insert([PathElement.Field("b")]);
        set.Insert([PathElement.Field("a")]);

        Assert.Equal("""{"f:a":{},"f:b":{},"k:{\"name\":\"z\"}":{},"v:2":{},"v:\"b\"":{},"i:9":{},"i:10":{}}""", Fields(set));
    }

    [Fact]
    public void Union_difference_and_intersection_work_on_paths()
    {
        var a = Set("""{"f:spec":{"f:a":{},"f:b":{}}}""");
        var b = Set("""{"f:spec":{"f:b":{},"f:c":{}}}""");

        Assert.Equal("""{"f:spec":{"f:a":{},"f:b":{},"f:c":{}}}""", Fields(FieldSet.Union(a, b)));
        Assert.Equal("""{"f:spec":{"f:a":{}}}""", Fields(FieldSet.Difference(a, b)));
        Assert.Equal("""{"f:spec":{"f:b":{}}}""", Fields(FieldSet.Intersection(a, b)));
    }

    [Fact]
    public void Paths_print_as_kubernetes_prints_them()
    {
        var set = Set("""{"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}},"f:tags":{"v:\"x\"":{}}}}""");

        Assert.Equal(
            [".spec.containers[name=\"a\"].image", ".spec.tags[=\"x\"]"],
            set.Paths().Select(FieldSet.Print));
    }
}
