using ApiBuilder.Runtime.OpenApi;
using Xunit;

namespace ApiBuilder.Runtime.Tests.OpenApi;

public sealed class OpenApiNamesTests
{
    [Theory]
    [InlineData("wardle.example.com", "v1alpha1", "Flunder", "com.example.wardle.v1alpha1.Flunder")]
    [InlineData("metrics.k8s.io", "v1beta1", "NodeMetrics", "io.k8s.metrics.v1beta1.NodeMetrics")]
    [InlineData("example", "v1", "Thing", "example.v1.Thing")]
    public void SchemaName_ReversesTheGroup(string group, string version, string kind, string expected)
    {
        Assert.Equal(expected, OpenApiNames.SchemaName(group, version, kind));
    }

    [Theory]
    [InlineData("wardle.example.com", "v1alpha1", "wardleExampleCom_v1alpha1", "WardleExampleComV1alpha1")]
    [InlineData("rbac.authorization.k8s.io", "v1", "rbacAuthorization_v1", "RbacAuthorizationV1")]
    [InlineData("my-group.example.com", "v2", "myGroupExampleCom_v2", "MyGroupExampleComV2")]
    [InlineData("", "v1", "core_v1", "CoreV1")]
    public void TagAndOperationPrefix_FollowKubernetesSpelling(string group, string version, string tag, string prefix)
    {
        Assert.Equal(tag, OpenApiNames.Tag(group, version));
        Assert.Equal(prefix, OpenApiNames.OperationPrefix(group, version));
    }
}
