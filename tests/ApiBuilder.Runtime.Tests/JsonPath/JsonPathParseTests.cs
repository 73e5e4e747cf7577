using ApiBuilder.Runtime.JsonPath;
using Xunit;

namespace ApiBuilder.Runtime.Tests.JsonPath;

public sealed class JsonPathParseTests
{
    [Theory]
    [InlineData(".spec.reference")]
    [InlineData("{.spec.reference}")]
    [InlineData(" { .spec.reference } ")]
    [InlineData("$.spec.reference")]
    [InlineData("{$.spec.reference}")]
    [InlineData(".metadata.labels.app")]
    [InlineData(".metadata.annotations['kubernetes.io/x']")]
    [InlineData(".metadata.annotations[\"kubernetes.io/x\"]")]
    [InlineData(@".metadata.labels.app\.kubernetes\.io/name")]
    [InlineData(".spec.items[0].name")]
    [InlineData(".spec.items[-1].name")]
    [InlineData(".spec.items[*].name")]
    [InlineData(".spec.items[0:2]")]
    [InlineData(".spec.items[::2]")]
    [InlineData(".spec.items[0,2]")]
    [InlineData(".spec.*")]
    [InlineData("..name")]
    [InlineData("..[0]")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status")]
    [InlineData(".status.conditions[?( @.type == 'Ready' )].status")]
    [InlineData(".status.conditions[?(@.reason)].type")]
    [InlineData(".spec.items[?(@.n>=2.5)]")]
    [InlineData(".spec.items[?(@.on==true)]")]
    [InlineData(".spec.items[?(@.a==@.b)]")]
    [InlineData(".spec.items[?(@.name=='a)b')]")]
    [InlineData(".spec['a.b']")]
    [InlineData(".spec['it\\'s']")]
    [InlineData(".")]
    [InlineData("{.}")]
    [InlineData("$")]
    public void Parses(string path)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.Equal(path, expression.Text);
        Assert.True(JsonPathExpression.TryParse(path, out var parsed, out var error));
        Assert.NotNull(parsed);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData("{}", "empty")]
    [InlineData("{.spec", "unclosed action")]
    [InlineData("{.a}{.b}", "unexpected character '}'")]
    [InlineData("spec.x", "unexpected character 's'")]
    [InlineData(".a.", "expected a field name after '.'")]
    [InlineData(".a..", "expected a field name after '..'")]
    [InlineData(".a[", "unterminated '['")]
    [InlineData(".a[]", "invalid array index ''")]
    [InlineData(".a[x]", "invalid array index 'x'")]
    [InlineData(".a[1.5]", "invalid array index '1.5'")]
    [InlineData(".a[+1]", "invalid array index '+1'")]
    [InlineData(".a[1:2:0]", "the step must be positive")]
    [InlineData(".a[1:2:3:4]", "invalid array slice")]
    [InlineData(".a[x:2]", "invalid array slice")]
    [InlineData(".a['b]", "unterminated '['")]
    [InlineData(".a['b'c]", "unterminated quoted string")]
    [InlineData(".a['b'c'd']", "unescaped '")]
    [InlineData(".a['b\\q']", "unknown escape")]
    [InlineData(".a[?(@.x", "unterminated filter")]
    [InlineData(".a[?(@.x)", "unterminated filter")]
    [InlineData(".a[?@.x]", "expected '[?('")]
    [InlineData(".a[?(@.x==\"y)]", "unterminated filter")]
    [InlineData(".a[?(@.x=1)]", "unsupported filter operator '='")]
    [InlineData(".a[?(@.x=~'y')]", "unsupported filter operator '='")]
    [InlineData(".a[?(@.x===1)]", "unsupported filter operator '==='")]
    [InlineData(".a[?(@.x==)]", "missing operand")]
    [InlineData(".a[?(==1)]", "missing operand")]
    [InlineData(".a[?(5)]", "must compare")]
    [InlineData(".a[?(@.x==bare)]", "invalid operand 'bare'")]
    [InlineData(".a[?(@.x==1e999)]", "out of range")]
    [InlineData(".a[?(@x==1)]", "unexpected character 'x'")]
    public void Rejects_invalid_paths(string path, string message)
    {
        var error = Assert.Throws<JsonPathParseException>(() => JsonPathExpression.Parse(path));

        Assert.Contains(message, error.Message);
        Assert.False(JsonPathExpression.TryParse(path, out var parsed, out var tryError));
        Assert.Null(parsed);
        Assert.Equal(error.Message, tryError);
    }
}
