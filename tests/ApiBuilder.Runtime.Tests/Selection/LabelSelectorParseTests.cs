using ApiBuilder.Runtime.Selection;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Selection;

public sealed class LabelSelectorParseTests
{
    private const string NameRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
        + @"(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [Theory]
    [InlineData("x=a", "x=a")]
    [InlineData("x==a", "x==a")]
    [InlineData("x!=a", "x!=a")]
    [InlineData("x in (b,a)", "x in (a,b)")]
    [InlineData("x in (a,a)", "x in (a)")]
    [InlineData("x notin (a)", "x notin (a)")]
    [InlineData("x", "x")]
    [InlineData("!x", "!x")]
    [InlineData("x>1", "x>1")]
    [InlineData("x<10", "x<10")]
    [InlineData("x=", "x=")]
    [InlineData("x==", "x==")]
    [InlineData("x=,y", "x=,y")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x in (,)", "x in ()")]
    [InlineData("x in (a,,b)", "x in (,a,b)")]
    [InlineData("x in (,a)", "x in (,a)")]
    [InlineData("x in (a,)", "x in (,a)")]
    [InlineData("b=1,a=2", "a=2,b=1")]
    [InlineData("x=a,x!=b", "x=a,x!=b")]
    [InlineData("  x = a ,\ty in ( b , c ) ,\r\n!z ", "x=a,y in (b,c),!z")]
    [InlineData("x in(a)", "x in (a)")]
    [InlineData("in=notin", "in=notin")]
    [InlineData("x in (in,notin)", "x in (in,notin)")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("app.kubernetes.io/name notin (a-b,c_d,e.f,G9)", "app.kubernetes.io/name notin (G9,a-b,c_d,e.f)")]
    public void Parses_to_the_canonical_form(string selector, string canonical)
    {
        var parsed = LabelSelector.Parse(selector);

        Assert.Equal(canonical, parsed.ToString());
        Assert.False(parsed.IsEmpty);
        Assert.Equal(canonical, LabelSelector.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Null_empty_or_blank_selects_everything(string? selector)
    {
        var parsed = LabelSelector.Parse(selector);

        Assert.True(parsed.IsEmpty);
        Assert.Same(LabelSelector.Everything, parsed);
        Assert.Equal("", parsed.ToString());
    }

    [Fact]
    public void Exposes_requirements_sorted_by_key_with_sorted_values()
    {
        var parsed = LabelSelector.Parse("tier notin (web,cache),app=x,!gone");

        Assert.Collection(
            parsed.Requirements,
            r => Assert.Equal(("app", LabelSelectorOperator.Equals, "x"), (r.Key, r.Operator, string.Join(",", r.Values))),
            r => Assert.Equal(("gone", LabelSelectorOperator.DoesNotExist, 0), (r.Key, r.Operator, r.Values.Count)),
            r => Assert.Equal(("tier", LabelSelectorOperator.NotIn, "cache,web"), (r.Key, r.Operator, string.Join(",", r.Values))));
    }

    [Theory]
    [InlineData("x=a b", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("x=a,", "found '', expected: identifier after ','")]
    [InlineData("x=a,,y", "found ',', expected: identifier after ','")]
    [InlineData(",x", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("=a", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("(x)", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("x >= 1", "unable to parse requirement: found '=', expected: identifier")]
    [InlineData("x=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("x in a", "unable to parse requirement: found 'a' expected: '('")]
    [InlineData("x in (a", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")]
    [InlineData("x in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!!x", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x<1.5", "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + ValueRule)]
    [InlineData("x>a-", "unable to parse requirement: [values[0]: Invalid value: \"a-\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: \"a-\": " + ValueRule + "]")]
    [InlineData("x=a@b", "unable to parse requirement: values[0][x]: Invalid value: \"a@b\": " + ValueRule)]
    [InlineData("x in (ok,-bad)", "unable to parse requirement: values[0][x]: Invalid value: \"-bad\": " + ValueRule)]
    [InlineData("x in (ok,bad-)", "unable to parse requirement: values[0][x]: Invalid value: \"bad-\": " + ValueRule)]
    [InlineData("app:monolith", "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part " + NameRule)]
    [InlineData("-x=a", "unable to parse requirement: <nil>: Invalid value: \"-x\": name part " + NameRule)]
    [InlineData("app.kubernetes_io/name=x", "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part " + SubdomainRule)]
    [InlineData("Example.com/x", "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part " + SubdomainRule)]
    [InlineData("/x", "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty")]
    [InlineData("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part " + NameRule)]
    [InlineData("a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key " + NameRule + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("k\"ey", "unable to parse requirement: <nil>: Invalid value: \"k\\\"ey\": name part " + NameRule)]
    public void Rejects_invalid_selectors_with_the_kubernetes_message(string selector, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Enforces_the_length_limits_in_bytes()
    {
        var name63 = new string('a', 63);
        var prefix253 = string.Join(".", Enumerable.Repeat(new string('p', 63), 4))[..253];

        Assert.Equal($"{prefix253}/{name63}={name63}", LabelSelector.Parse($"{prefix253}/{name63}={name63}").ToString());
        Assert.EndsWith(
            "name part must be no more than 63 bytes",
            Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(name63 + "a")).Message);
        Assert.Equal(
            $"unable to parse requirement: values[0][k]: Invalid value: \"{name63}a\": must be no more than 63 bytes",
            Assert.Throws<SelectorParseException>(() => LabelSelector.Parse($"k={name63}a")).Message);
        Assert.Contains(
            "prefix part must be no more than 253 bytes",
            Assert.Throws<SelectorParseException>(() => LabelSelector.Parse($"{prefix253}p/x")).Message);
    }
}
