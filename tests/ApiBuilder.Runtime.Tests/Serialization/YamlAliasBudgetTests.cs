using System.Text;
using ApiBuilder.Runtime.Serialization;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Serialization;

/// <summary>What aliases may add to a YAML document is bounded by its length, strings included.</summary>
public sealed class YamlAliasBudgetTests
{
    [Fact]
    public void A_long_string_aliased_many_times_is_excessive_aliasing()
    {
        // 100 KB of input that would expand to 1 GB of JSON: few nodes, but long strings.
        var yaml = new StringBuilder("s: &s ").Append('x', 100_000).Append("\nl: [");
        for (var i = 0; i < 10_000; i++)
        {
            yaml.Append(i == 0 ? "*s" : ",*s");
        }

        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml.Append("]\n").ToString()));

        Assert.Contains("excessive aliasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_keys_count_as_well()
    {
        var yaml = new StringBuilder("m: &m {").Append('k', 50_000).Append(": 1}\nl: [");
        for (var i = 0; i < 100; i++)
        {
            yaml.Append(i == 0 ? "*m" : ",*m");
        }

        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml.Append("]\n").ToString()));

        Assert.Contains("excessive aliasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_that_add_no_more_than_the_input_holds_are_fine()
    {
        var yaml = new StringBuilder("s: &s ").Append('x', 1_000).Append("\nl: [");
        for (var i = 0; i < 50; i++)
        {
            yaml.Append(i == 0 ? "*s" : ",*s");
        }

        var node = YamlJson.Parse(yaml.Append("]\n").ToString());

        Assert.Equal(50, node!["l"]!.AsArray().Count);
    }
}
