using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Serialization;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Serialization;

public sealed class YamlJsonParseTests
{
    private static string Value(string yaml) => YamlJson.Parse("v: " + yaml)!["v"]?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("null", "null")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("NULL", "null")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("123", "123")]
    [InlineData("-17", "-17")]
    [InlineData("+5", "5")]
    [InlineData("007", "7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-2.25", "-2.25")]
    [InlineData("1e3", "1000")]
    [InlineData("2.5E-1", "0.25")]
    public void PlainScalars_ResolveLikeTheYaml12CoreSchema(string yaml, string json)
    {
        Assert.Equal(json, Value(yaml));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("y")]
    [InlineData("1_000")]
    [InlineData("0b101")]
    [InlineData("1.2.3")]
    [InlineData("2001-12-14")]
    [InlineData("v1")]
    [InlineData("0x")]
    [InlineData("nulls")]
    [InlineData("truee")]
    public void OtherPlainScalars_AreStrings(string yaml)
    {
        Assert.Equal($"\"{yaml}\"", Value(yaml));
    }

    [Theory]
    [InlineData("'true'", "true")]
    [InlineData("\"123\"", "123")]
    [InlineData("'null'", "null")]
    [InlineData("\"\"", "")]
    [InlineData("'~'", "~")]
    [InlineData("\"a\\tb\"", "a\tb")]
    public void QuotedScalars_AreAlwaysStrings(string yaml, string expected)
    {
        Assert.Equal(expected, YamlJson.Parse("v: " + yaml)!["v"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData("!!str true", "\"true\"")]
    [InlineData("!!int \"12\"", "12")]
    [InlineData("!!float 1", "1")]
    [InlineData("!!bool 'true'", "true")]
    [InlineData("!!null ''", "null")]
    [InlineData("! 12", "\"12\"")]
    [InlineData("!custom 12", "12")]
    public void CoreTags_ForceTheType(string yaml, string json)
    {
        Assert.Equal(json, Value(yaml));
    }

    [Fact]
    public void ATagTheValueDoesNotFit_IsAnError()
    {
        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse("v: !!int abc"));

        Assert.Contains("abc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    [InlineData("1e400")]
    public void NumbersJsonCannotHold_AreRejectedWithTheirPosition(string yaml)
    {
        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse("a: 1\nb: " + yaml));

        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
        Assert.StartsWith("yaml: line 2, column 4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockScalars_KeepTheirText()
    {
        var node = YamlJson.Parse("literal: |\n  a\n   b\n\nfolded: >-\n  one\n  two\nkeep: |+\n  x\n\n");

        Assert.Equal("a\n b\n", node!["literal"]!.GetValue<string>());
        Assert.Equal("one two", node["folded"]!.GetValue<string>());
        Assert.Equal("x\n\n", node["keep"]!.GetValue<string>());
    }

    [Fact]
    public void NonStringKeys_BecomeTheirText()
    {
        var duplicates = new List<string>();

        var node = YamlJson.Parse("1: a\ntrue: b\nnull: c\n0x10: d\n1.5: e\n~: f\n'2': g", duplicates);

        // "null" and "~" are the same key once converted, so the second is a duplicate.
        Assert.Equal("""{"1":"a","true":"b","16":"d","1.5":"e","null":"f","2":"g"}""", node!.ToJsonString());
        Assert.Equal(["null"], duplicates);
    }

    [Fact]
    public void Aliases_AreIndependentCopiesOfTheAnchoredValue()
    {
        var node = YamlJson.Parse("base: &b\n  a: 1\n  list: [x, y]\ncopy: *b\nname: &n flunder\nagain: *n")!;

        Assert.Equal("""{"a":1,"list":["x","y"]}""", node["copy"]!.ToJsonString());
        Assert.Equal("flunder", node["again"]!.GetValue<string>());
        node["copy"]!["a"] = 2;
        Assert.Equal(1, node["base"]!["a"]!.GetValue<long>());
    }

    [Fact]
    public void MergeKeys_CopyMissingKeys_ExplicitKeysWin()
    {
        var yaml = """
            defaults: &defaults
              replicas: 1
              image: old
            extra: &extra
              image: other
              port: 80
            app:
              image: new
              <<: [*defaults, *extra]
            after:
              <<: *defaults
              replicas: 3
            quoted:
              "<<": literal
            """;

        var duplicates = new List<string>();
        var node = YamlJson.Parse(yaml, duplicates)!;

        Assert.Equal("""{"image":"new","replicas":1,"port":80}""", node["app"]!.ToJsonString());
        Assert.Equal("""{"image":"old","replicas":3}""", node["after"]!.ToJsonString());
        Assert.Equal("literal", node["quoted"]!["<<"]!.GetValue<string>());
        Assert.Empty(duplicates);
    }

    [Fact]
    public void DuplicateKeys_LastWins_AndEachIsReportedByFieldPath()
    {
        var yaml = """
            metadata:
              name: first
              labels:
                a: "1"
                a: "2"
              name: second
            spec:
              reference: x
              reference: y
              items:
              - name: p
              - name: q
                name: r
            """;
        var duplicates = new List<string>();

        var node = YamlJson.Parse(yaml, duplicates)!;

        Assert.Equal(["metadata.labels.a", "metadata.name", "spec.reference", "spec.items[1].name"], duplicates);
        Assert.Equal("second", node["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("2", node["metadata"]!["labels"]!["a"]!.GetValue<string>());
        Assert.Equal("y", node["spec"]!["reference"]!.GetValue<string>());
        Assert.Equal("r", node["spec"]!["items"]![1]!["name"]!.GetValue<string>());
        Assert.Equal("""{"reference":"y","items":[{"name":"p"},{"name":"r"}]}""", node["spec"]!.ToJsonString());
    }

    [Fact]
    public void DuplicateKeys_WithoutACollection_StillLastWins()
    {
        Assert.Equal("""{"a":2}""", YamlJson.Parse("a: 1\na: 2")!.ToJsonString());
    }

    [Fact]
    public void DuplicateKeys_InARootSequence_AreReportedWithTheIndex()
    {
        var duplicates = new List<string>();

        YamlJson.Parse("- a: 1\n  a: 2", duplicates);

        Assert.Equal(["[0].a"], duplicates);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("--- # nothing\n...\n")]
    public void EmptyDocuments_AreNull(string yaml)
    {
        Assert.Null(YamlJson.Parse(yaml));
    }

    [Fact]
    public void ADocumentMarkerBeforeOrAfterTheOnlyDocument_IsFine()
    {
        Assert.Equal("""{"a":1}""", YamlJson.Parse("---\na: 1\n---\n")!.ToJsonString());
    }

    [Fact]
    public void MoreThanOneDocument_IsRejected()
    {
        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse("a: 1\n---\nb: 2\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("more than one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3", 1)] // reported after the last token YamlDotNet could read
    [InlineData("a: b: c", 1)]
    [InlineData("a:\n  - x\n y: 1", 3)]
    [InlineData("a: \"unterminated", 1)]
    [InlineData("a: 1\n b: 2", 2)]
    [InlineData("key:\n  - a\n  - [b, c\n", 4)]
    public void SyntaxErrors_NameTheLineAndColumn(string yaml, int line)
    {
        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml));

        Assert.Equal(line, error.Line);
        Assert.True(error.Column >= 1);
        Assert.StartsWith($"yaml: line {line}, column {error.Column}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("? [a, b]\n: c", "keys must be scalars")]
    [InlineData("{a: 1}: x", "keys must be scalars")]
    [InlineData("a: *missing", "unknown anchor")]
    [InlineData("a: &x [1, *x]", "unknown anchor")]
    [InlineData("a:\n  <<: 1", "merge key")]
    public void WhatJsonCannotExpress_IsRejected(string yaml, string reason)
    {
        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: !<%%> x")]
    [InlineData("a: [1, 2\nb: 3")]
    public void FailuresInsideYamlDotNet_AreStillConversionErrors(string yaml)
    {
        Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml));
    }

    [Fact]
    public void MalformedInput_OnlyEverFailsWithAConversionError()
    {
        // Request bodies are untrusted: anything but a YamlConversionException would become a 500.
        string[] tokens =
        [
            "a: ", "- ", "  ", "\n", "\n", "&x ", "*x", "*y", "<<: ", "!!int ", "!!str ", "! ", "!<x> ", "? ", ": ",
            "[", "]", "{", "}", ", ", "1", "0x1F", ".inf", "~", "'q'", "\"d\"", "|\n", ">-\n", "---\n", "# c\n",
            "%YAML 1.2\n", "\t", "\"\\u12", "'", "x",
        ];
        var random = new Random(11);
        for (var i = 0; i < 5000; i++)
        {
            var yaml = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => tokens[random.Next(tokens.Length)]));
            try
            {
                YamlJson.Parse(yaml, new List<string>());
            }
            catch (YamlConversionException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name} for {JsonValue.Create(yaml).ToJsonString()}: {e.Message}");
            }
        }
    }

    [Fact]
    public void ExponentialAliasing_IsStoppedEarly()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml += $"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n";
        }

        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml));

        Assert.Contains("excessive aliasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_IsBounded()
    {
        var fine = new string('[', YamlJsonReader.MaxDepth) + new string(']', YamlJsonReader.MaxDepth);
        var tooDeep = new string('[', YamlJsonReader.MaxDepth + 1) + new string(']', YamlJsonReader.MaxDepth + 1);

        Assert.NotNull(YamlJson.Parse(fine));
        var error = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(tooDeep));
        Assert.Contains("nesting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKubernetesManifest_ParsesToTheSameJsonKubectlWouldSend()
    {
        var yaml = """
            apiVersion: wardle.example.com/v1alpha1
            kind: Flunder
            metadata:
              name: my-first-flunder   # a comment
              namespace: default
              labels:
                sample-label: "true"
                tier: backend
              annotations:
                note: |
                  multi
                  line
            spec:
              reference: fischer-1
              referenceType: Fischer
              ports:
              - name: http
                port: 80
              - {name: https, port: 443}
              weights: [0.5, 1, -2]
              enabled: false
              empty: {}
              none: []
              description: héllo wörld ✓
            """;

        var node = YamlJson.Parse(yaml);

        Assert.Equal(
            """{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"my-first-flunder","namespace":"default","labels":{"sample-label":"true","tier":"backend"},"annotations":{"note":"multi\nline\n"}},"spec":{"reference":"fischer-1","referenceType":"Fischer","ports":[{"name":"http","port":80},{"name":"https","port":443}],"weights":[0.5,1,-2],"enabled":false,"empty":{},"none":[],"description":"héllo wörld ✓"}}""",
            node!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void NumbersHaveTheSameClrTypesAsInJsonBodies()
    {
        var node = YamlJson.Parse("i: 3\nd: 1.25\ne: 1e2\nbig: 99999999999999999999")!;

        Assert.Equal(3L, node["i"]!.GetValue<long>());
        Assert.Equal(1.25m, node["d"]!.GetValue<decimal>());
        Assert.Equal(100d, node["e"]!.GetValue<double>());
        Assert.Equal(99999999999999999999m, node["big"]!.GetValue<decimal>());
    }

    [Fact]
    public void RootScalarsAndSequences_AreAllowed()
    {
        Assert.Equal("\"text\"", YamlJson.Parse("text")!.ToJsonString());
        Assert.Equal("[1,\"two\",null]", YamlJson.Parse("- 1\n- two\n-")!.ToJsonString());
        Assert.Null(YamlJson.Parse("~"));
    }
}
