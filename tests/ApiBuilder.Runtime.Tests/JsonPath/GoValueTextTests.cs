using System.Text.Json.Nodes;
using ApiBuilder.Runtime.JsonPath;
using Xunit;

namespace ApiBuilder.Runtime.Tests.JsonPath;

public sealed class GoValueTextTests
{
    // What fmt.Print gives for the Go value Kubernetes decodes from the JSON text.
    [Theory]
    [InlineData("7", "7")]
    [InlineData("-7", "-7")]
    [InlineData("7.0", "7")]
    [InlineData("0.5", "0.5")]
    [InlineData("123456.0", "123456")]
    [InlineData("1000000.0", "1e+06")]
    [InlineData("1000000.5", "1.0000005e+06")]
    [InlineData("1e21", "1e+21")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("-1.5e-7", "-1.5e-07")]
    [InlineData("12345678901234567890", "1.2345678901234567e+19")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("-0.0", "-0")]
    [InlineData("\"text\"", "text")]
    [InlineData("false", "false")]
    public void Prints_scalars_like_fmt(string json, string expected)
    {
        Assert.Equal(expected, GoValueText.Print(JsonNode.Parse(json)!));
    }

    // What json.Marshal gives for the same decoded value.
    [Theory]
    [InlineData("""{"b":1,"a":2,"B":3,"é":4,"z":5}""", """{"B":3,"a":2,"b":1,"z":5,"é":4}""")]
    [InlineData("""{"v":1.0}""", """{"v":1}""")]
    [InlineData("""{"v":1e21}""", """{"v":1e+21}""")]
    [InlineData("""{"v":1e20}""", """{"v":100000000000000000000}""")]
    [InlineData("""{"v":1e-7}""", """{"v":1e-7}""")]
    [InlineData("""{"v":1.5e-10}""", """{"v":1.5e-10}""")]
    [InlineData("""{"v":0.000001}""", """{"v":0.000001}""")]
    [InlineData("""{"v":1000000.5}""", """{"v":1000000.5}""")]
    [InlineData("""{"s":"<a&b> \"q\" \\ \n\t\u0001 \u2028 é"}""", """{"s":"\u003ca\u0026b\u003e \"q\" \\ \n\t\u0001 \u2028 é"}""")]
    [InlineData("""[null,true,[],{}]""", """[null,true,[],{}]""")]
    public void Prints_objects_and_arrays_like_json_marshal(string json, string expected)
    {
        Assert.Equal(expected, GoValueText.Print(JsonNode.Parse(json)!));
    }
}
