using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;

namespace ApiBuilder.Runtime.Tests.Server;

public sealed class AuthorizationTests
{
    private static readonly UserInfo Admin = new("admin", null, ["system:masters", UserInfo.AllAuthenticated], UserInfo.NoExtra);

    [Theory]
    [InlineData("get", false, "/healthz", true)]
    [InlineData("get", false, "/version", true)]
    [InlineData("get", false, "/apis", false)]
    [InlineData("get", false, "/openapi/v3", false)]
    [InlineData("list", true, "/apis/g.io/v1/things", false)]
    [InlineData("create", true, "/apis/g.io/v1/things", false)]
    public async Task Anonymous_users_get_only_public_information(string verb, bool resource, string path, bool allowed)
    {
        var decision = await new DefaultAuthorizer().AuthorizeAsync(new AuthorizationAttributes(UserInfo.AnonymousUser, verb, resource, path), default);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public async Task Authenticated_users_may_do_everything()
    {
        var decision = await new DefaultAuthorizer().AuthorizeAsync(new AuthorizationAttributes(Admin, "delete", true, "/apis/g.io/v1/things/a"), default);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Forbidden_messages_use_kube_apiserver_wording()
    {
        var resource = ForbiddenMessage.For(new AuthorizationAttributes(UserInfo.AnonymousUser, "list", true, "/x", "wardle.example.com", "v1alpha1", "default", "flunders"), "");
        Assert.Equal("flunders.wardle.example.com is forbidden: User \"system:anonymous\" cannot list resource \"flunders\" in API group \"wardle.example.com\" in the namespace \"default\"", resource.Status.Message);
        var path = ForbiddenMessage.For(new AuthorizationAttributes(UserInfo.AnonymousUser, "get", false, "/apis"), "");
        Assert.Equal("forbidden: User \"system:anonymous\" cannot get path \"/apis\"", path.Status.Message);
        Assert.Equal(403, path.Code);
    }
}
