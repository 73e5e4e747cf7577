using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Selection;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Selection;

public sealed class LabelSelectorMatchTests
{
    // Labels are written "k=v;k2=v2"; "" is no labels at all.
    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "x=a", true)]
    [InlineData("x=a", "x=a", true)]
    [InlineData("x=a", "x=b", false)]
    [InlineData("x=a", "", false)]
    [InlineData("x=a", "X=a", false)]
    [InlineData("x==a", "x=a", true)]
    [InlineData("x==a", "y=a", false)]
    [InlineData("x!=a", "x=a", false)]
    [InlineData("x!=a", "x=b", true)]
    [InlineData("x!=a", "", true)]
    [InlineData("x in (a,b)", "x=b", true)]
    [InlineData("x in (a,b)", "x=c", false)]
    [InlineData("x in (a,b)", "", false)]
    [InlineData("x notin (a,b)", "x=b", false)]
    [InlineData("x notin (a,b)", "x=c", true)]
    [InlineData("x notin (a,b)", "", true)]
    [InlineData("x", "x=", true)]
    [InlineData("x", "y=a", false)]
    [InlineData("!x", "x=a", false)]
    [InlineData("!x", "y=a", true)]
    [InlineData("x>5", "x=6", true)]
    [InlineData("x>5", "x=5", false)]
    [InlineData("x>5", "x=50", true)]
    [InlineData("x>5", "x=abc", false)]
    [InlineData("x>5", "", false)]
    [InlineData("x<5", "x=-7", true)]
    [InlineData("x<5", "x=+3", true)]
    [InlineData("x<5", "x=5", false)]
    [InlineData("x<5", "x=4.5", false)]
    [InlineData("x>0", "x=99999999999999999999", false)]
    [InlineData("x=", "x=", true)]
    [InlineData("x=", "", false)]
    [InlineData("x in ()", "x=", true)]
    [InlineData("x in (,a)", "x=", true)]
    [InlineData("x=a,y!=b", "x=a;y=c", true)]
    [InlineData("x=a,y!=b", "x=a;y=b", false)]
    [InlineData("x=a,y!=b", "x=a", true)]
    [InlineData("x,!y,z in (1)", "x=;z=1", true)]
    [InlineData("x,!y,z in (1)", "x=;y=;z=1", false)]
    [InlineData("x=a,x!=a", "x=a", false)]
    public void Matches_like_kubernetes(string selector, string labels, bool expected)
    {
        var parsed = LabelSelector.Parse(selector);
        var map = ParseLabels(labels);

        Assert.Equal(expected, parsed.Matches(map));
        Assert.Equal(expected, parsed.Matches(ToJson(map)));
    }

    [Fact]
    public void Null_labels_are_no_labels()
    {
        Assert.True(LabelSelector.Parse("x!=a,!y").Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.False(LabelSelector.Parse("x").Matches((JsonObject?)null));
        Assert.True(LabelSelector.Everything.Matches((JsonObject?)null));
    }

    [Fact]
    public void Json_members_that_are_not_strings_count_as_absent()
    {
        var labels = JsonNode.Parse("""{"app":"web","n":5,"z":null}""")!.AsObject();

        Assert.True(LabelSelector.Parse("app=web,!n,!z").Matches(labels));
        Assert.False(LabelSelector.Parse("n").Matches(labels));
    }

    [Theory]
    [InlineData("app=web", "app", "web")]
    [InlineData("app==web,tier=x", "app", "web")]
    [InlineData("app in (web)", "app", "web")]
    [InlineData("app in (web,db)", "app", null)]
    [InlineData("app!=web", "app", null)]
    [InlineData("app", "app", null)]
    [InlineData("tier=x", "app", null)]
    [InlineData("", "app", null)]
    public void Reports_the_value_a_key_is_pinned_to(string selector, string key, string? expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).RequiredValue(key));
    }

    private static Dictionary<string, string> ParseLabels(string labels) =>
        labels.Length == 0
            ? []
            : labels.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static JsonObject ToJson(Dictionary<string, string> labels)
    {
        var json = new JsonObject();
        foreach (var (key, value) in labels)
        {
            json[key] = value;
        }

        return json;
    }
}
