using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Serialization;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Serialization;

/// <summary>JSON → YAML → JSON must give back the original, whatever the strings hold.</summary>
public sealed class YamlJsonRoundTripTests
{
    public static TheoryData<string> TrickyStrings => new(
        "yes", "no", "on", "off", "y", "n", "Yes", "NO", "true", "False", "null", "Null", "~", "", " ", "  ",
        "1e3", "0x10", "0o17", "0b101", "017", "1_000", "12:30:45", ".5", "5.", "+1", "-0", ".inf", "-.Inf", ".NaN",
        "2001-12-14", "2001-12-14T21:59:43.10-05:00", "<<", "=", "-", "--", "---", "...", "- a", "? a", ": a", "a:", "a: b",
        "a #b", "#a", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick", "|", ">", "'", "\"", "'quoted'",
        "\"double\"", "[a]", "{a: 1}", ",", "a,b", "[", "{", "}", "]", "\\", "back\\slash", "tab\there", "\t", "trailing ",
        " leading", "line\nbreak", "two\n\nblank", "ends\n", "ends twice\n\n", "\nstarts", " \nspace first", "trailing \nspace",
        "\r\nwindows", "cr\ronly", "nel\u0085x", "ls\u2028x", "bell\u0007", "nul\0x", "del\u007f", "bom\ufeff",
        "héllo wörld", "日本語", "emoji 😀", "ünïcödé\nlines", "\u00a0nbsp", "zero\u200bwidth", "a\u0085", "x\ty\n\tz",
        new string('x', 2000), string.Join(' ', Enumerable.Repeat("word", 100)), "{\"json\":\"in a string\"}");

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void StringValues_RoundTrip(string value)
    {
        AssertRoundTrip(new JsonObject { ["v"] = value, ["list"] = new JsonArray(value, value) });
    }

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void StringKeys_RoundTrip(string key)
    {
        AssertRoundTrip(new JsonObject { [key] = 1, ["nested"] = new JsonObject { [key] = new JsonObject { [key] = "x" } } });
    }

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void RootStrings_RoundTrip(string value)
    {
        AssertRoundTrip(JsonValue.Create(value));
    }

    [Fact]
    public void NestedEmptyCollectionsAndScalars_RoundTrip()
    {
        AssertRoundTrip(JsonNode.Parse("""
            {"a":{},"b":[],"c":[{}],"d":[[]],"e":{"f":{"g":{}}},"h":[[[]],[{}]],"i":[null,true,false,0,-1,1.5,-0.25,1e-7,12345678901234567890],
             "j":{"":{"":[]}},"k":[{"l":[{"m":{}}]}],"n":null}
            """));
    }

    [Fact]
    public void RandomStrings_RoundTrip()
    {
        // A fixed seed keeps failures reproducible; the alphabet is weighted towards YAML's syntax characters.
        const string Alphabet = " \t\n\r-:#&*!|>'\"%@`,[]{}?~=<.0123456789abcxyzTFNYeE_+\\\u0085\u00e9\u65e5";
        var random = new Random(20240501);
        for (var i = 0; i < 3000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 12);
            for (var j = 0; j < length; j++)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var text = builder.ToString();
            AssertRoundTrip(new JsonObject { [text] = text, ["items"] = new JsonArray(text, new JsonObject { ["k"] = text }) });
        }
    }

    private static void AssertRoundTrip(JsonNode? original)
    {
        var yaml = YamlJson.ToYaml(original);
        JsonNode? back;
        try
        {
            back = YamlJson.Parse(yaml);
        }
        catch (YamlConversionException e)
        {
            Assert.Fail($"{original?.ToJsonString()} was written as unreadable YAML:\n{yaml}\n{e.Message}");
            return;
        }

        Assert.True(JsonNode.DeepEquals(original, back),
            $"{original?.ToJsonString()} came back as {back?.ToJsonString()} from:\n{yaml}");
    }
}
