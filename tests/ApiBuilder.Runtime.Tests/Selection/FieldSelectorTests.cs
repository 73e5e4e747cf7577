using ApiBuilder.Runtime.Selection;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Selection;

public sealed class FieldSelectorTests
{
    // Expected requirements are written "field|op|value" and joined with ";".
    [Theory]
    [InlineData("metadata.name=foo", "metadata.name|=|foo")]
    [InlineData("metadata.name==foo", "metadata.name|=|foo")]
    [InlineData("metadata.name!=foo", "metadata.name|!=|foo")]
    [InlineData("b=1,a=2", "a|=|2;b|=|1")]
    [InlineData("a=1,,b=2,", "a|=|1;b|=|2")]
    [InlineData("a=", "a|=|")]
    [InlineData("=a", "|=|a")]
    [InlineData(" a = b", " a |=| b")]
    [InlineData(@"a=b\,c", "a|=|b,c")]
    [InlineData(@"a=b\=c", "a|=|b=c")]
    [InlineData(@"a=b\\c", @"a|=|b\c")]
    [InlineData(@"a=\\", @"a|=|\")]
    [InlineData(@"a=x\,y,b!=\=", "a|=|x,y;b|!=|=")]
    [InlineData("x!y=z", "x!y|=|z")]
    [InlineData("a=b!c", "a|=|b!c")]
    [InlineData("spec.nodeName=node-1,status.phase!=Running", "spec.nodeName|=|node-1;status.phase|!=|Running")]
    public void Parses_terms(string selector, string expected)
    {
        var parsed = FieldSelector.Parse(selector);

        var actual = string.Join(";", parsed.Requirements.Select(r =>
            $"{r.Field}|{(r.Operator == FieldSelectorOperator.Equals ? "=" : "!=")}|{r.Value}"));
        Assert.Equal(expected, actual);
        Assert.False(parsed.IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    [InlineData(",,")]
    public void Empty_selectors_select_everything(string? selector)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.True(parsed.IsEmpty);
        Assert.Empty(parsed.Requirements);
        Assert.True(parsed.Matches(_ => "anything"));
    }

    [Theory]
    [InlineData("abc", "invalid selector: 'abc'; can't understand 'abc'")]
    [InlineData("a=1,abc", "invalid selector: 'a=1,abc'; can't understand 'abc'")]
    [InlineData(" ", "invalid selector: ' '; can't understand ' '")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: =")]
    [InlineData("a!==b", "invalid field selector: unescaped character in value: =")]
    [InlineData("a===b", "invalid field selector: unescaped character in value: =")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\!", @"invalid field selector: invalid escape sequence: \!")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void Rejects_invalid_selectors_with_the_kubernetes_message(string selector, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    // Fields are written "name=value;..."; a field not listed is absent.
    [Theory]
    [InlineData("metadata.name=foo", "metadata.name=foo", true)]
    [InlineData("metadata.name=foo", "metadata.name=bar", false)]
    [InlineData("metadata.name=foo", "", false)]
    [InlineData("metadata.name=foo", "metadata.name=Foo", false)]
    [InlineData("metadata.name!=foo", "metadata.name=foo", false)]
    [InlineData("metadata.name!=foo", "metadata.name=bar", true)]
    [InlineData("metadata.name!=foo", "", true)]
    [InlineData("metadata.name=", "", true)]
    [InlineData("metadata.name!=", "", false)]
    [InlineData(@"spec.x=a\,b", "spec.x=a,b", true)]
    [InlineData("metadata.name=a,metadata.namespace!=kube-system", "metadata.name=a;metadata.namespace=default", true)]
    [InlineData("metadata.name=a,metadata.namespace!=kube-system", "metadata.name=a;metadata.namespace=kube-system", false)]
    [InlineData("metadata.name=a,metadata.name=b", "metadata.name=a", false)]
    public void Matches_like_kubernetes(string selector, string fields, bool expected)
    {
        var values = fields.Length == 0
            ? new Dictionary<string, string>()
            : fields.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        var matches = FieldSelector.Parse(selector).Matches(f => values.GetValueOrDefault(f));

        Assert.Equal(expected, matches);
    }

    [Theory]
    [InlineData("metadata.name=foo", "metadata.name", "foo")]
    [InlineData("metadata.name==foo", "metadata.name", "foo")]
    [InlineData("metadata.name=", "metadata.name", "")]
    [InlineData(@"metadata.name=a\=b", "metadata.name", "a=b")]
    [InlineData("metadata.namespace!=x,metadata.name=foo", "metadata.name", "foo")]
    [InlineData("metadata.namespace!=x,metadata.name=foo", "metadata.namespace", null)]
    [InlineData("metadata.name!=foo", "metadata.name", null)]
    [InlineData("spec.x=1", "metadata.name", null)]
    [InlineData("", "metadata.name", null)]
    public void Reports_the_value_a_field_is_pinned_to(string selector, string field, string? expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).RequiredValue(field));
    }

    [Theory]
    [InlineData("b=1,a==2", "a=2,b=1")]
    [InlineData(@"a=x\,y\=z\\", @"a=x\,y\=z\\")]
    [InlineData("a!=b", "a!=b")]
    public void Prints_terms_with_values_escaped(string selector, string expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).ToString());
        Assert.Equal(expected, FieldSelector.Parse(expected).ToString());
    }

    [Fact]
    public void Escapes_values_like_kubernetes()
    {
        Assert.Equal(@"a\\b\,c\=d!e", FieldSelector.EscapeValue(@"a\b,c=d!e"));
    }
}
