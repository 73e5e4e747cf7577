using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.OpenApi;
using Xunit;

namespace ApiBuilder.Runtime.Tests.OpenApi;

public sealed class OpenApiIndexTests
{
    [Fact]
    public void Hash_IsUppercaseHexSha512()
    {
        var hash = OpenApiHash.Compute("abc"u8);

        Assert.Equal(
            "DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F",
            hash);
    }

    [Fact]
    public void Hash_MatchesWhatKubernetesPutsInItsIndex()
    {
        // The sample-apiserver's index names its v1alpha1 document by this hash; computing it over
        // the captured document bytes must give the same value.
        var document = ReferenceCaptures.Body("08-openapi-v3-group-version.txt");
        var index = JsonNode.Parse(ReferenceCaptures.Body("07-openapi-v3-index.txt"))!;
        var url = index["paths"]!["apis/wardle.example.com/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();

        Assert.Equal(url[(url.IndexOf("hash=", StringComparison.Ordinal) + 5)..], OpenApiHash.Compute(document));
    }

    [Fact]
    public void Index_ListsEachDocumentUnderItsKeyWithHashedUrl_InOrdinalOrder()
    {
        var index = OpenApiIndex.Build(
        [
            ("apis/wardle.example.com/v1beta1", "BBBB"),
            ("apis/wardle.example.com/v1alpha1", "AAAA"),
        ]);

        Assert.Equal(
            """{"paths":{"apis/wardle.example.com/v1alpha1":{"serverRelativeURL":"/openapi/v3/apis/wardle.example.com/v1alpha1?hash=AAAA"},"apis/wardle.example.com/v1beta1":{"serverRelativeURL":"/openapi/v3/apis/wardle.example.com/v1beta1?hash=BBBB"}}}""",
            index.ToJsonString());
    }

    [Fact]
    public void Index_RejectsTheSameKeyTwice()
    {
        Assert.Throws<ArgumentException>(() => OpenApiIndex.Build([("apis/a/v1", "A"), ("apis/a/v1", "B")]));
    }

    [Fact]
    public void Index_ForBuiltDocument_UsesTheDocumentHash()
    {
        var document = OpenApiV3Builder.BuildGroupVersion(WardleResources.Group, WardleResources.Version,
            WardleResources.All(), new OpenApiInfo("Wardle", "0.1"));
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        var hash = OpenApiHash.Compute(bytes);

        var index = OpenApiIndex.Build([("apis/wardle.example.com/v1alpha1", hash)]);

        Assert.EndsWith("?hash=" + hash,
            index["paths"]!["apis/wardle.example.com/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(128, hash.Length);
    }
}
