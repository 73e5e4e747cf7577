using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Serialization;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Serialization;

public sealed class YamlJsonWriteTests
{
    [Fact]
    public void Objects_AreWrittenLikeKubectlGetOutputYaml()
    {
        var node = JsonNode.Parse("""
            {"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder",
             "metadata":{"name":"my-first-flunder","namespace":"default","uid":"6f0c","resourceVersion":"42",
               "creationTimestamp":"2024-05-01T12:00:00Z","labels":{"sample-label":"true"},"finalizers":[]},
             "spec":{"reference":"fischer-1","replicas":3,"ratio":0.5,"paused":false,"selector":null,
               "ports":[{"name":"http","port":80},{"name":"https","port":443,"tags":["a","b"]}],
               "matrix":[[1,2],[]],"options":{}}}
            """);

        Assert.Equal(
            """
            apiVersion: wardle.example.com/v1alpha1
            kind: Flunder
            metadata:
              name: my-first-flunder
              namespace: default
              uid: 6f0c
              resourceVersion: "42"
              creationTimestamp: "2024-05-01T12:00:00Z"
              labels:
                sample-label: "true"
              finalizers: []
            spec:
              reference: fischer-1
              replicas: 3
              ratio: 0.5
              paused: false
              selector: null
              ports:
              - name: http
                port: 80
              - name: https
                port: 443
                tags:
                - a
                - b
              matrix:
              - - 1
                - 2
              - []
              options: {}

            """.ReplaceLineEndings("\n"),
            YamlJson.ToYaml(node));
    }

    [Theory]
    [InlineData("hello", "v: hello")]
    [InlineData("true", "v: \"true\"")]
    [InlineData("False", "v: \"False\"")]
    [InlineData("123", "v: \"123\"")]
    [InlineData("1.5", "v: \"1.5\"")]
    [InlineData("1e3", "v: \"1e3\"")]
    [InlineData("0x10", "v: \"0x10\"")]
    [InlineData("null", "v: \"null\"")]
    [InlineData("~", "v: \"~\"")]
    [InlineData("", "v: \"\"")]
    [InlineData("yes", "v: \"yes\"")]
    [InlineData("off", "v: \"off\"")]
    [InlineData("1_000", "v: \"1_000\"")]
    [InlineData(".inf", "v: \".inf\"")]
    [InlineData("2024-05-01", "v: \"2024-05-01\"")]
    [InlineData(" leading", "v: ' leading'")]
    [InlineData("a: b", "v: 'a: b'")]
    [InlineData("- item", "v: '- item'")]
    [InlineData("#hash", "v: '#hash'")]
    [InlineData("wardle.example.com/v1alpha1", "v: wardle.example.com/v1alpha1")]
    [InlineData("1.2.3", "v: 1.2.3")]
    [InlineData("with space", "v: with space")]
    public void Strings_AreQuotedOnlyWhenTheyWouldReadBackAsSomethingElse(string value, string yaml)
    {
        Assert.Equal(yaml + "\n", YamlJson.ToYaml(new JsonObject { ["v"] = value }));
    }

    [Fact]
    public void Keys_AreQuotedByTheSameRules()
    {
        var node = new JsonObject { ["true"] = 1, ["80"] = 2, [""] = 3, ["plain"] = 4, ["no"] = 5 };

        Assert.Equal("\"true\": 1\n\"80\": 2\n\"\": 3\nplain: 4\n\"no\": 5\n", YamlJson.ToYaml(node));
    }

    [Fact]
    public void MultiLineStrings_AreLiteralBlocks()
    {
        var node = new JsonObject { ["script"] = "echo one\necho two\n", ["noTrailingNewline"] = "a\nb" };

        Assert.Equal("script: |\n  echo one\n  echo two\nnoTrailingNewline: |-\n  a\n  b\n", YamlJson.ToYaml(node));
    }

    [Fact]
    public void RootValues_AreWrittenAsSingleDocuments()
    {
        Assert.Equal("null\n", YamlJson.ToYaml(null));
        Assert.Equal("text\n", YamlJson.ToYaml(JsonValue.Create("text")));
        Assert.Equal("\"42\"\n", YamlJson.ToYaml(JsonValue.Create("42")));
        Assert.Equal("42\n", YamlJson.ToYaml(JsonValue.Create(42)));
        Assert.Equal("[]\n", YamlJson.ToYaml(new JsonArray()));
        Assert.Equal("{}\n", YamlJson.ToYaml(new JsonObject()));
        Assert.Equal("- 1\n- x\n", YamlJson.ToYaml(new JsonArray(1, "x")));
    }

    [Fact]
    public void ValuesOfAnyClrType_AreWrittenAsTheirJson()
    {
        var node = new JsonObject
        {
            ["long"] = 9_000_000_000L,
            ["decimal"] = 1.25m,
            ["double"] = 0.1,
            ["time"] = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
            ["guid"] = Guid.Parse("6f0c2a5e-0000-4000-8000-000000000001"),
            ["char"] = 'x',
            ["bool"] = true,
        };

        Assert.Equal(
            "long: 9000000000\ndecimal: 1.25\ndouble: 0.1\ntime: \"2024-05-01T12:00:00+00:00\"\nguid: 6f0c2a5e-0000-4000-8000-000000000001\nchar: x\nbool: true\n",
            YamlJson.ToYaml(node));
    }

    [Fact]
    public void Write_ToATextWriter_GivesTheSameText()
    {
        var node = JsonNode.Parse("""{"a":[1,{"b":"c"}]}""");
        using var writer = new StringWriter();

        YamlJson.Write(node, writer);

        Assert.Equal(YamlJson.ToYaml(node), writer.ToString());
    }
}
