using System.Text.Json.Nodes;
using ApiBuilder.Runtime.JsonPath;
using Xunit;

namespace ApiBuilder.Runtime.Tests.JsonPath;

public sealed class JsonPathEvaluateTests
{
    private static readonly JsonNode Thing = JsonNode.Parse("""
        {
          "kind": "Thing",
          "metadata": {
            "name": "n1",
            "labels": {"app": "web", "app.kubernetes.io/name": "x"},
            "annotations": {"kubernetes.io/x": "ann", "it's": "q"}
          },
          "spec": {
            "reference": "ref",
            "a.b": "dotted",
            "a": {"b": "nested"},
            "nullable": null,
            "tags": ["x", "y"],
            "items": [
              {"name": "i0", "n": 1},
              {"name": "i1", "n": 2},
              {"name": "i2", "n": 3, "flag": true}
            ]
          },
          "status": {
            "conditions": [
              {"type": "Progressing", "status": "True"},
              {"type": "Ready", "status": "False", "reason": "Down"},
              {"status": "Unknown"}
            ]
          }
        }
        """)!;

    [Theory]
    [InlineData(".spec.reference", """["ref"]""")]
    [InlineData("{.spec.reference}", """["ref"]""")]
    [InlineData(" { .spec.reference } ", """["ref"]""")]
    [InlineData("$.spec.reference", """["ref"]""")]
    [InlineData(".metadata.labels.app", """["web"]""")]
    [InlineData(".metadata.annotations['kubernetes.io/x']", """["ann"]""")]
    [InlineData(".metadata.annotations[\"kubernetes.io/x\"]", """["ann"]""")]
    [InlineData(".metadata.annotations['it\\'s']", """["q"]""")]
    [InlineData(@".metadata.labels.app\.kubernetes\.io/name", """["x"]""")]
    [InlineData(".spec['a.b']", """["dotted"]""")]
    [InlineData(".spec.a.b", """["nested"]""")]
    [InlineData(".spec['a']['b']", """["nested"]""")]
    [InlineData(".spec.items[0].name", """["i0"]""")]
    [InlineData(".spec.items[-1].name", """["i2"]""")]
    [InlineData(".spec.items[3].name", "[]")]
    [InlineData(".spec.items[-4].name", "[]")]
    [InlineData(".spec.items[*].name", """["i0","i1","i2"]""")]
    [InlineData(".spec.items.*.name", """["i0","i1","i2"]""")]
    [InlineData(".spec.items[0:2].name", """["i0","i1"]""")]
    [InlineData(".spec.items[1:].name", """["i1","i2"]""")]
    [InlineData(".spec.items[:-1].name", """["i0","i1"]""")]
    [InlineData(".spec.items[::2].name", """["i0","i2"]""")]
    [InlineData(".spec.items[0:10].name", """["i0","i1","i2"]""")]
    [InlineData(".spec.items[2:1].name", "[]")]
    [InlineData(".spec.items[0,2].name", """["i0","i2"]""")]
    [InlineData(".metadata.labels['app','missing']", """["web"]""")]
    [InlineData(".metadata.labels.*", """["web","x"]""")]
    [InlineData("..name", """["n1","i0","i1","i2"]""")]
    [InlineData(".status..status", """["True","False","Unknown"]""")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", """["False"]""")]
    [InlineData(".status.conditions[?(@.type=='Ready')].reason", """["Down"]""")]
    [InlineData(".status.conditions[?( @.type == 'Ready' )].status", """["False"]""")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].status", """["True"]""")]
    [InlineData(".status.conditions[?(@.reason)].type", """["Ready"]""")]
    [InlineData(".status.conditions[?(@.type=='Missing')].status", "[]")]
    [InlineData(".spec.items[?(@.n>1)].name", """["i1","i2"]""")]
    [InlineData(".spec.items[?(@.n>=2)].name", """["i1","i2"]""")]
    [InlineData(".spec.items[?(@.n<2)].name", """["i0"]""")]
    [InlineData(".spec.items[?(@.n<=1.0)].name", """["i0"]""")]
    [InlineData(".spec.items[?(@.n==2.0)].name", """["i1"]""")]
    [InlineData(".spec.items[?(@.n!=2)].name", """["i0","i2"]""")]
    [InlineData(".spec.items[?(@.n>-1e1)].name", """["i0","i1","i2"]""")]
    [InlineData(".spec.items[?(@.name>'i0')].name", """["i1","i2"]""")]
    [InlineData(".spec.items[?(@.name==\"i1\")].n", "[2]")]
    [InlineData(".spec.items[?(@.name==1)].name", "[]")]
    [InlineData(".spec.items[?(@.name!=1)].name", """["i0","i1","i2"]""")]
    [InlineData(".spec.items[?(@.flag==true)].name", """["i2"]""")]
    [InlineData(".spec.items[?(@.flag>true)].name", "[]")]
    [InlineData(".spec.items[?(@.n==@.n)].name", """["i0","i1","i2"]""")]
    [InlineData(".spec.tags[?(@=='y')]", """["y"]""")]
    [InlineData(".spec.nullable", "[null]")]
    [InlineData(".spec.missing", "[]")]
    [InlineData(".spec.reference.deeper", "[]")]
    [InlineData(".spec.reference[0]", "[]")]
    [InlineData(".spec.reference[*]", "[]")]
    [InlineData(".spec.items.name", "[]")]
    [InlineData(".metadata[0]", "[]")]
    [InlineData(".metadata[?(@.x)]", "[]")]
    public void Selects(string path, string expected)
    {
        var results = JsonPathExpression.Parse(path).Evaluate(Thing);

        Assert.Equal(expected, new JsonArray([.. results.Select(r => r?.DeepClone())]).ToJsonString());
    }

    [Fact]
    public void The_root_path_selects_the_object_itself()
    {
        Assert.Same(Thing, Assert.Single(JsonPathExpression.Parse(".").Evaluate(Thing)));
        Assert.Same(Thing, Assert.Single(JsonPathExpression.Parse("{.}").Evaluate(Thing)));
    }

    [Fact]
    public void Results_are_the_nodes_of_the_document()
    {
        var items = Thing["spec"]!["items"]!;

        Assert.Same(items[1], Assert.Single(JsonPathExpression.Parse(".spec.items[1]").Evaluate(Thing)));
    }

    [Fact]
    public void Nothing_is_selected_from_a_null_document()
    {
        Assert.Empty(JsonPathExpression.Parse(".metadata.name").Evaluate(null));
    }

    [Fact]
    public void Evaluating_does_not_change_the_document()
    {
        var before = Thing.ToJsonString();

        JsonPathExpression.Parse("..status").Evaluate(Thing);
        JsonPathExpression.Parse(".status.conditions[?(@.type=='Ready')].status").Evaluate(Thing);

        Assert.Equal(before, Thing.ToJsonString());
    }
}
