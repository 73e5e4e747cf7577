using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Serialization;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Serialization;

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xff, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xc3, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xed, 0xa0, 0x80, (byte)'"' })] // a surrogate encoded as UTF-8
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { 0xff })]
    public void Bytes_that_are_not_utf8_are_a_JsonException(byte[] body)
    {
        var e = Assert.Throws<JsonException>(() => JsonBody.Parse(body));
        Assert.Contains("invalid UTF-8", e.Message);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"a\\ud800b\"")]
    [InlineData("{\"\\ud800\":1}")]
    public void A_lone_surrogate_escape_is_a_JsonException(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonBody.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("surrogate", e.Message);
    }

    [Fact]
    public void A_surrogate_pair_escape_and_multibyte_utf8_are_read()
    {
        var node = JsonBody.Parse(Encoding.UTF8.GetBytes("{\"a\":\"\\ud83d\\ude00\",\"b\":\"é\"}"))!;

        Assert.Equal("\U0001F600", node["a"]!.GetValue<string>());
        Assert.Equal("é", node["b"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("[1e309]")]
    public void A_number_beyond_float64_is_a_JsonException(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonBody.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("cannot unmarshal number", e.Message);
    }

    [Theory]
    [InlineData("1e308", 1e308)]
    [InlineData("-2.5e-3", -2.5e-3)]
    public void Finite_exponent_numbers_are_read_as_doubles(string json, double expected)
    {
        Assert.Equal(expected, JsonBody.Parse(Encoding.UTF8.GetBytes(json))!.GetValue<double>());
    }

    [Fact]
    public void Yaml_bytes_that_are_not_utf8_are_a_YamlConversionException_at_their_position()
    {
        byte[] yaml = [.. "a: b\nc: \""u8, 0xff, .. "\"\n"u8];

        var e = Assert.Throws<YamlConversionException>(() => YamlJson.Parse(yaml));

        Assert.Equal(2, e.Line);
        Assert.Equal(5, e.Column);
        Assert.Contains("invalid UTF-8", e.Message);
    }

    [Theory]
    [InlineData("5", true)]
    [InlineData("-9223372036854775808", true)]
    [InlineData("9223372036854775807", true)]
    [InlineData("9223372036854775808", false)]
    [InlineData("1.5", false)]
    [InlineData("1.0", false)]
    [InlineData("1e2", false)]
    public void JsonInt64_accepts_only_integer_literals_in_range(string json, bool fits)
    {
        var parsed = JsonBody.Parse(Encoding.UTF8.GetBytes(json));
        var element = JsonNode.Parse(json); // as a JSON patch value holds it

        Assert.Equal(fits, JsonInt64.TryGet(parsed, out _));
        Assert.Equal(fits, JsonInt64.TryGet(element, out _));
        Assert.Equal(!fits, JsonInt64.IsNonInt64Number(parsed));
    }

    [Theory]
    [InlineData("1", null)]
    [InlineData("null", null)]
    [InlineData("1.5", "cannot unmarshal number 1.5 into Go struct field ObjectMeta.metadata.generation of type int64")]
    [InlineData("\"1\"", "cannot unmarshal string into Go struct field ObjectMeta.metadata.generation of type int64")]
    [InlineData("false", "cannot unmarshal bool into Go struct field ObjectMeta.metadata.generation of type int64")]
    [InlineData("{}", "cannot unmarshal object into Go struct field ObjectMeta.metadata.generation of type int64")]
    [InlineData("[1]", "cannot unmarshal array into Go struct field ObjectMeta.metadata.generation of type int64")]
    public void An_int64_field_of_another_json_type_gets_gos_decode_error(string json, string? error)
    {
        var node = JsonBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(error is not null, JsonInt64.IsMisfit(node));
        if (error is not null)
        {
            Assert.Equal("json: " + error, JsonInt64.DecodeError(node!, "ObjectMeta.metadata.generation"));
        }
    }
}
