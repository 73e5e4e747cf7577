using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Negotiation;

namespace ApiBuilder.Runtime.Tests.Negotiation;

public sealed class ContentNegotiatorTests
{
    private const string KubectlTable = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Theory]
    [InlineData(null, "Json")]
    [InlineData("", "Json")]
    [InlineData("*/*", "Json")]
    [InlineData("application/json", "Json")]
    [InlineData("application/yaml", "Yaml")]
    [InlineData(KubectlTable, "Table")]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", "Json")]
    [InlineData("application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json", "PartialObjectMetadataList")]
    [InlineData("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json", "Json")]
    [InlineData("application/json;q=0.5,application/yaml", "Yaml")]
    public void Lists_get_the_first_clause_the_server_can_produce(string? accept, string expected) =>
        Assert.Equal(expected, ContentNegotiator.ForObjects(accept, isList: true).Kind.ToString());

    [Fact]
    public void Single_objects_accept_partial_object_metadata_but_not_the_list_form()
    {
        Assert.Equal(RepresentationKind.PartialObjectMetadata,
            ContentNegotiator.ForObjects("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1", isList: false).Kind);
        var error = Assert.Throws<StatusException>(() =>
            ContentNegotiator.ForObjects("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", isList: false));
        Assert.Equal(406, error.Code);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/vnd.kubernetes.protobuf")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io")]
    [InlineData("text/html")]
    public void Nothing_acceptable_is_406_NotAcceptable(string accept)
    {
        var error = Assert.Throws<StatusException>(() => ContentNegotiator.ForObjects(accept, isList: false));
        Assert.Equal(406, error.Code);
        Assert.Equal("NotAcceptable", error.Reason);
    }

    [Theory]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", "v2")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", "v2beta1")]
    [InlineData("application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io", "v2")]
    public void Discovery_honours_the_aggregated_version_asked_for(string accept, string version)
    {
        var representation = ContentNegotiator.ForDiscovery(accept);
        Assert.Equal(RepresentationKind.AggregatedDiscovery, representation.Kind);
        Assert.Equal(version, representation.MetaVersion);
    }

    [Fact]
    public void Discovery_without_the_aggregated_clause_is_the_legacy_document() =>
        Assert.Equal(RepresentationKind.Json, ContentNegotiator.ForDiscovery("application/json").Kind);
}
