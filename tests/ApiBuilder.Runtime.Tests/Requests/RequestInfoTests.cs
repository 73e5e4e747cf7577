using ApiBuilder.Runtime.Requests;

namespace ApiBuilder.Runtime.Tests.Requests;

public sealed class RequestInfoTests
{
    [Theory]
    [InlineData("GET", "/apis/g.io/v1/namespaces/ns/things/a", null, "get", "ns", "things", "a", "")]
    [InlineData("GET", "/apis/g.io/v1/namespaces/ns/things", null, "list", "ns", "things", "", "")]
    [InlineData("GET", "/apis/g.io/v1/things", null, "list", "", "things", "", "")]
    [InlineData("GET", "/apis/g.io/v1/things", "true", "watch", "", "things", "", "")]
    [InlineData("GET", "/apis/g.io/v1/things", "false", "list", "", "things", "", "")]
    [InlineData("GET", "/apis/g.io/v1/watch/namespaces/ns/things", null, "watch", "ns", "things", "", "")]
    [InlineData("POST", "/apis/g.io/v1/namespaces/ns/things", null, "create", "ns", "things", "", "")]
    [InlineData("PUT", "/apis/g.io/v1/namespaces/ns/things/a/status", null, "update", "ns", "things", "a", "status")]
    [InlineData("PATCH", "/apis/g.io/v1/clusterthings/a", null, "patch", "", "clusterthings", "a", "")]
    [InlineData("DELETE", "/apis/g.io/v1/namespaces/ns/things/a", null, "delete", "ns", "things", "a", "")]
    [InlineData("DELETE", "/apis/g.io/v1/namespaces/ns/things", null, "deletecollection", "ns", "things", "", "")]
    [InlineData("HEAD", "/apis/g.io/v1/clusterthings/a", null, "get", "", "clusterthings", "a", "")]
    public void Resource_paths_map_to_verbs_as_kube_apiserver_does(string method, string path, string? watch, string verb, string ns, string resource, string name, string subresource)
    {
        var info = RequestInfo.Parse(method, path, q => q == "watch" ? watch : null);
        Assert.True(info.IsResourceRequest);
        Assert.Equal((verb, ns, resource, name, subresource), (info.Verb, info.Namespace, info.Resource, info.Name, info.Subresource));
        Assert.Equal(("g.io", "v1"), (info.ApiGroup, info.ApiVersion));
    }

    [Theory]
    [InlineData("/apis")]
    [InlineData("/apis/g.io")]
    [InlineData("/apis/g.io/v1")]
    [InlineData("/version")]
    [InlineData("/openapi/v3")]
    [InlineData("/apis/g.io/v1/namespaces/ns/things/a/status/extra")]
    public void Other_paths_are_not_resource_requests(string path) =>
        Assert.False(RequestInfo.Parse("GET", path, _ => null).IsResourceRequest);
}
