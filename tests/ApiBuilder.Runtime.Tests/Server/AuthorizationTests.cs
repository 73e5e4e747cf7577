using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Tests.Server;

public sealed class AuthorizationTests : IDisposable
{
    private static readonly UserInfo Admin = new("admin", null, ["system:masters", UserInfo.AllAuthenticated], UserInfo.NoExtra);
    private static readonly UserInfo Jane = new("jane", null, ["developers", UserInfo.AllAuthenticated], UserInfo.NoExtra);
    private readonly string _policyFile = Path.Combine(Path.GetTempPath(), "apibuilder-policy-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_policyFile);

    [Theory]
    [InlineData("get", false, "/healthz", true)]
    [InlineData("get", false, "/version", true)]
    [InlineData("get", false, "/apis", false)]
    [InlineData("get", false, "/openapi/v3", false)]
    [InlineData("list", true, "/apis/g.io/v1/things", false)]
    [InlineData("create", true, "/apis/g.io/v1/things", false)]
    public async Task Anonymous_users_get_only_public_information(string verb, bool resource, string path, bool allowed)
    {
        var decision = await Local().AuthorizeAsync(new AuthorizationAttributes(UserInfo.AnonymousUser, verb, resource, path), default);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData("get", false, "/apis", true)]
    [InlineData("get", false, "/apis/g.io/v1", true)]
    [InlineData("get", false, "/openapi/v3/apis/g.io/v1", true)]
    [InlineData("get", false, "/metrics", false)]
    [InlineData("post", false, "/apis", false)]
    [InlineData("get", true, "/apis/g.io/v1/namespaces/default/things/a", false)]
    [InlineData("delete", true, "/apis/g.io/v1/things/a", false)]
    public async Task Authenticated_users_without_a_policy_may_only_discover(string verb, bool resource, string path, bool allowed)
    {
        var decision = await Local().AuthorizeAsync(new AuthorizationAttributes(Jane, verb, resource, path), default);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public async Task The_always_allowed_group_may_do_everything()
    {
        var decision = await Local().AuthorizeAsync(new AuthorizationAttributes(Admin, "delete", true, "/apis/g.io/v1/things/a", "g.io", "v1", "", "things", "", "a"), default);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public async Task Always_allowed_paths_are_exact_or_prefixes_and_never_resources()
    {
        var authorizer = new AlwaysAllowPathsAuthorizer(["/healthz", "/debug/*"]);
        Assert.True((await authorizer.AuthorizeAsync(new(Jane, "get", false, "/healthz"), default)).Allowed);
        Assert.True((await authorizer.AuthorizeAsync(new(Jane, "get", false, "/debug/pprof/heap"), default)).Allowed);
        Assert.False((await authorizer.AuthorizeAsync(new(Jane, "get", false, "/healthz/x"), default)).Allowed);
        Assert.False((await authorizer.AuthorizeAsync(new(Jane, "get", true, "/healthz"), default)).Allowed);
    }

    [Fact]
    public async Task A_policy_file_grants_in_abac_terms()
    {
        File.WriteAllLines(_policyFile,
        [
            "# jane reads flunders everywhere, writes them in her namespace",
            """{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"jane","namespace":"*","resource":"flunders","apiGroup":"wardle.example.com","readonly":true}}""",
            "",
            """{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"jane","namespace":"jane","resource":"*","apiGroup":"*"}}""",
            """{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"group":"auditors","nonResourcePath":"/metrics"}}""",
        ]);
        var local = Local(PolicyFileAuthorizer.Load(_policyFile));

        async Task<bool> Allowed(UserInfo user, string verb, string ns, string resource, string group = "wardle.example.com") =>
            (await local.AuthorizeAsync(new AuthorizationAttributes(user, verb, true, "/x", group, "v1alpha1", ns, resource), default)).Allowed;

        Assert.True(await Allowed(Jane, "list", "", "flunders"));
        Assert.True(await Allowed(Jane, "watch", "default", "flunders"));
        Assert.False(await Allowed(Jane, "delete", "default", "flunders"));
        Assert.False(await Allowed(Jane, "get", "default", "fischers"));
        Assert.True(await Allowed(Jane, "delete", "jane", "fischers"));
        var auditor = new UserInfo("ann", null, ["auditors", UserInfo.AllAuthenticated], UserInfo.NoExtra);
        Assert.True((await local.AuthorizeAsync(new(auditor, "get", false, "/metrics"), default)).Allowed);
        Assert.False(await Allowed(auditor, "get", "default", "flunders"));
        var denied = await local.AuthorizeAsync(new(Jane, "get", true, "/x", "g.io", "v1", "default", "things"), default);
        Assert.Equal("no policy matched", denied.Reason);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Policy","spec":{"user":"a"}}""", "expected apiVersion")]
    [InlineData("""{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"a","verbs":["get"]}}""", "unknown field spec.verbs")]
    [InlineData("""{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"resource":"*"}}""", "needs spec.user or spec.group")]
    [InlineData("""[1,2]""", "one JSON object per line")]
    [InlineData("""{"apiVersion":""", "line 2")]
    public void A_bad_policy_file_names_the_line_and_the_problem(string line, string expected)
    {
        File.WriteAllLines(_policyFile, ["""{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"*","nonResourcePath":"*"}}""", line]);
        var error = Assert.Throws<FormatException>(() => PolicyFileAuthorizer.Load(_policyFile));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_decision_wins_and_a_failing_authorizer_never_allows()
    {
        var failing = new Stub(_ => throw new InvalidOperationException("boom"));
        var allow = new Stub(_ => AuthorizationDecision.Allow);
        var deny = new Stub(_ => AuthorizationDecision.Deny("nope"));

        Assert.Equal(Decision.Deny, (await new UnionAuthorizer([deny, allow]).AuthorizeAsync(new(Jane, "get", false, "/"), default)).Decision);
        Assert.True((await new UnionAuthorizer([failing, allow]).AuthorizeAsync(new(Jane, "get", false, "/"), default)).Allowed);
        var error = await Assert.ThrowsAsync<StatusException>(async () => await new UnionAuthorizer([failing]).AuthorizeAsync(new(Jane, "get", false, "/"), default));
        Assert.Equal(500, error.Code);
        Assert.Equal("InternalError", error.Status.Reason);
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

    /// <summary>The local chain the server builds without a cluster.</summary>
    private static UnionAuthorizer Local(IAuthorizer? policy = null) => new(
        new IAuthorizer?[] { new AlwaysAllowPathsAuthorizer(["/healthz", "/readyz", "/livez"]), new PrivilegedGroupsAuthorizer(["system:masters"]), policy, new DiscoveryAuthorizer() }
            .OfType<IAuthorizer>().ToList());

    private sealed class Stub(Func<AuthorizationAttributes, AuthorizationDecision> decide) : IAuthorizer
    {
        public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken) =>
            ValueTask.FromResult(decide(attributes));
    }
}
