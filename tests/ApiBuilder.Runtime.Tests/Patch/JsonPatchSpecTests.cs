using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Patch;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Patch;

/// <summary>Every enabled record of the RFC 6902 suite (TestData/json-patch/spec_tests.json).</summary>
public sealed class JsonPatchSpecTests
{
    private static readonly string SpecFile =
        Path.Combine(AppContext.BaseDirectory, "TestData", "json-patch", "spec_tests.json");

    private static readonly Lazy<JsonArray> Records = new(Load);

    public static TheoryData<int, string> Cases()
    {
        // Index plus comment keeps each record a separate, readable test case.
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Records.Value.Count; i++)
        {
            var record = Records.Value[i]!.AsObject();
            if (record["disabled"]?.GetValue<bool>() == true)
            {
                continue;
            }

            data.Add(i, record["comment"]?.GetValue<string>() ?? $"record {i}");
        }

        return data;
    }

    [Fact]
    public void The_spec_file_is_present_and_has_enabled_records()
    {
        Assert.True(File.Exists(SpecFile), $"missing test data: {SpecFile}");
        Assert.NotEmpty(Cases());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Record_behaves_as_the_suite_says(int index, string comment)
    {
        var record = Records.Value[index]!.AsObject();
        var document = record["doc"];
        var patch = Encoding.UTF8.GetBytes(record["patch"]!.ToJsonString());

        if (record.ContainsKey("error"))
        {
            var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(document, patch));
            Assert.False(string.IsNullOrEmpty(error.Message), comment);
            return;
        }

        Assert.True(record.ContainsKey("expected"), $"record {index} has neither expected nor error");
        var actual = JsonPatch.Apply(document, patch);
        Assert.True(
            JsonNodeEquality.DeepEquals(record["expected"], actual),
            $"{comment}: expected {record["expected"]?.ToJsonString()}, got {actual?.ToJsonString()}");
    }

    private static JsonArray Load()
    {
        // Missing data must fail the run, never skip it.
        if (!File.Exists(SpecFile))
        {
            throw new FileNotFoundException("JSON patch spec tests not copied to the output directory", SpecFile);
        }

        return JsonNode.Parse(File.ReadAllText(SpecFile))!.AsArray();
    }
}
