using System.Text.Json.Nodes;
using ApiBuilder.Runtime.JsonPath;
using Xunit;

namespace ApiBuilder.Runtime.Tests.JsonPath;

public sealed class PrinterCellTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonNode Thing = JsonNode.Parse("""
        {
          "metadata": {"name": "n1", "creationTimestamp": "2024-01-10T11:54:30Z"},
          "spec": {
            "reference": "ref", "replicas": 3, "ratio": 0.5, "whole": 2.0, "negative": -2.9,
            "thousand": 1e3, "enabled": true, "disabled": false, "nullable": null,
            "selector": {"matchLabels": {"b": "2", "a": "1"}}, "tags": ["x", "y"],
            "items": [{"name": "i0"}, {"name": "i1"}],
            "textTrue": "true", "textNumber": "5", "when": 5
          }
        }
        """)!;

    [Theory]
    [InlineData(".spec.reference", "ref")]
    [InlineData(".spec.replicas", "3")]
    [InlineData(".spec.ratio", "0.5")]
    [InlineData(".spec.whole", "2")]
    [InlineData(".spec.thousand", "1000")]
    [InlineData(".spec.enabled", "true")]
    [InlineData(".spec.selector", """{"matchLabels":{"a":"1","b":"2"}}""")]
    [InlineData(".spec.tags", """["x","y"]""")]
    [InlineData(".spec.items[*].name", "i0")]
    [InlineData(".spec.nullable", "<no value>")]
    public void String_columns_print_like_kubernetes(string path, string expected)
    {
        Assert.Equal(expected, Render(path, "string"));
    }

    [Theory]
    [InlineData(".spec.replicas", 3L)]
    [InlineData(".spec.ratio", 0L)]
    [InlineData(".spec.whole", 2L)]
    [InlineData(".spec.negative", -2L)]
    [InlineData(".spec.thousand", 1000L)]
    public void Integer_columns_give_longs_truncating_fractions(string path, long expected)
    {
        Assert.Equal(expected, Assert.IsType<long>(Render(path, "integer")));
    }

    [Theory]
    [InlineData(".spec.replicas", 3.0)]
    [InlineData(".spec.ratio", 0.5)]
    [InlineData(".spec.negative", -2.9)]
    public void Number_columns_give_doubles(string path, double expected)
    {
        Assert.Equal(expected, Assert.IsType<double>(Render(path, "number")));
    }

    [Theory]
    [InlineData(".spec.enabled", true)]
    [InlineData(".spec.disabled", false)]
    public void Boolean_columns_give_bools(string path, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<bool>(Render(path, "boolean")));
    }

    [Theory]
    [InlineData(".spec.reference", "integer")]
    [InlineData(".spec.textNumber", "integer")]
    [InlineData(".spec.enabled", "integer")]
    [InlineData(".spec.selector", "number")]
    [InlineData(".spec.textTrue", "boolean")]
    [InlineData(".spec.replicas", "boolean")]
    [InlineData(".spec.when", "date")]
    [InlineData(".spec.nullable", "integer")]
    [InlineData(".spec.nullable", "date")]
    [InlineData(".spec.reference", "object")]
    [InlineData(".spec.reference", "String")]
    [InlineData(".spec.missing", "string")]
    [InlineData(".spec.missing", "integer")]
    [InlineData(".spec.items[5].name", "string")]
    public void Missing_values_and_mismatched_kinds_give_null(string path, string columnType)
    {
        Assert.Null(Render(path, columnType));
    }

    [Theory]
    [InlineData("2024-01-10T11:54:30Z", "5m30s")]
    [InlineData("2024-01-10T11:59:59.999Z", "0s")]
    [InlineData("2024-01-10T12:00:01Z", "0s")]
    [InlineData("2024-01-10T12:00:10Z", "<invalid>")]
    [InlineData("2024-01-07T08:00:00Z", "3d4h")]
    [InlineData("2024-01-10T13:00:00+01:00", "0s")]
    [InlineData("2024-01-10T05:30:00-03:30", "3h")]
    [InlineData("2024-01-10T10:00:00Z", "120m")]
    [InlineData("2022-01-10T12:00:00Z", "2y")]
    [InlineData("", "<unknown>")]
    [InlineData("null", "<unknown>")]
    [InlineData("yesterday", "<invalid>")]
    [InlineData("2024-01-10 11:54:30Z", "<invalid>")]
    public void Date_columns_show_the_age_kubectl_displays(string timestamp, string expected)
    {
        var thing = new JsonObject { ["at"] = timestamp };

        Assert.Equal(expected, PrinterCell.Render(thing, JsonPathExpression.Parse(".at"), "date", Now));
    }

    [Fact]
    public void Date_columns_default_to_the_current_time()
    {
        var thing = new JsonObject { ["at"] = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("yyyy-MM-ddTHH:mm:ssZ") };

        Assert.Equal("3m", PrinterCell.Render(thing, JsonPathExpression.Parse(".at"), "date"));
    }

    private static object? Render(string path, string columnType) =>
        PrinterCell.Render(Thing, JsonPathExpression.Parse(path), columnType, Now);
}
