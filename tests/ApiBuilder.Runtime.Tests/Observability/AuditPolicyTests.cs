using ApiBuilder.Runtime.Audit;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;

namespace ApiBuilder.Runtime.Tests.Observability;

/// <summary>Audit policy rules match as k8s.io/apiserver's policy checker matches them.</summary>
public sealed class AuditPolicyTests
{
    private static readonly UserInfo Jane = new("jane", null, ["developers", UserInfo.AllAuthenticated], UserInfo.NoExtra);
    private static readonly UserInfo Bot = new("system:serviceaccount:ops:bot", null, ["system:serviceaccounts", UserInfo.AllAuthenticated], UserInfo.NoExtra);

    private static readonly AuditPolicy Policy = AuditPolicy.Parse("""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: None
          userGroups: ["system:serviceaccounts"]
          verbs: ["watch", "list"]
        - level: RequestResponse
          resources:
          - group: wardle.example.com
            resources: ["flunders/status", "*/scale"]
        - level: Request
          namespaces: ["secret"]
        - level: Metadata
          users: ["jane"]
          resources:
          - group: wardle.example.com
            resources: ["fischers"]
            resourceNames: ["strict"]
        - level: Metadata
          nonResourceURLs: ["/healthz*", "/version"]
          omitStages: [ResponseStarted]
        """);

    [Theory]
    [InlineData("bot", "list", "flunders", "", "default", "", "None")]
    [InlineData("bot", "create", "flunders", "", "default", "", "None")]
    [InlineData("jane", "update", "flunders", "status", "default", "f", "RequestResponse")]
    [InlineData("jane", "update", "flunders", "", "default", "f", "None")]
    [InlineData("jane", "patch", "fischers", "scale", "", "f", "RequestResponse")]
    [InlineData("jane", "get", "flunders", "", "secret", "f", "Request")]
    [InlineData("jane", "get", "fischers", "", "", "strict", "Metadata")]
    [InlineData("jane", "get", "fischers", "", "", "other", "None")]
    [InlineData("bot", "get", "fischers", "", "", "strict", "None")]
    public void Resource_rules_match_on_user_verb_group_resource_namespace_and_name(
        string user, string verb, string resource, string subresource, string ns, string name, string level)
    {
        var who = user == "jane" ? Jane : Bot;
        var (actual, _) = Policy.Evaluate(new AuthorizationAttributes(who, verb, true, "/apis/...", "wardle.example.com", "v1alpha1", ns, resource, subresource, name));
        Assert.Equal(level, actual.ToString());
    }

    [Theory]
    [InlineData("/healthz", "Metadata")]
    [InlineData("/healthz/ping", "Metadata")]
    [InlineData("/version", "Metadata")]
    [InlineData("/version/x", "None")]
    [InlineData("/metrics", "None")]
    public void Non_resource_rules_match_paths_exactly_or_by_prefix(string path, string level)
    {
        var (actual, omit) = Policy.Evaluate(new AuthorizationAttributes(Jane, "get", false, path));
        Assert.Equal(level, actual.ToString());
        if (actual == AuditLevel.Metadata)
        {
            Assert.Equal([AuditStage.RequestReceived, AuditStage.ResponseStarted], omit.Order());
        }
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Policy\nrules: [{level: None}]", "expected apiVersion audit.k8s.io/v1 and kind Policy")]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []", "rules: a policy needs at least one rule")]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata, user: [jane]}]", "rules[0].user: unknown field")]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata, omitStages: [Done]}]", "\"Done\" is not one of RequestReceived")]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata, nonResourceURLs: [/x], namespaces: [a]}]", "both regular resources and non-resource URLs")]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata, resources: [{resources: [\"fl*\"]}]}]", "is not a resource")]
    [InlineData("{not yaml: [", "")]
    public void Mistakes_are_reported_with_where_they_are(string text, string message)
    {
        var error = Assert.ThrowsAny<FormatException>(() => AuditPolicy.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
