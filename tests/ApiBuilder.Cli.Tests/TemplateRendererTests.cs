using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Tests;

/// <summary>What the Scriban renderer guarantees beyond the snapshots: Handlebars' HTML escaping, and no silent blanks.</summary>
public sealed class TemplateRendererTests
{
    [Fact]
    public void HtmlEscapingIsHandlebarsEscaping() =>
        Assert.Equal("a &amp; b &lt;c&gt; &quot;d&quot; &#x27;e&#x27; &#x60;f&#x60; g&#x3D;h é", HtmlText.Escape("a & b <c> \"d\" 'e' `f` g=h é"));

    [Fact]
    public void AMissingValueIsAnErrorNotAnEmptyString()
    {
        var model = TemplateModels.Project(new() { Name = "Acme.Fleet", Domain = "example.com", RuntimeVersion = "1.2.3" });

        Assert.ThrowsAny<Exception>(() => TemplateRenderer.Render("resource/Sample.yaml.sbn", model));
    }
}
