using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Delegation;

/// <summary>
/// Authenticators and authorizers a user adds on the server builder: where they sit in the chains,
/// alone and behind the aggregator; and how long accepted tokens are remembered.
/// </summary>
public sealed class ExtensionPointTests
{
    private const string Widgets = "/apis/test.example.com/v1/namespaces/default/widgets";

    [Fact]
    public async Task An_added_authenticator_is_asked_when_the_built_in_ones_find_no_credential()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder
            .AddResource(TestResources.Widget())
            .AddAuthenticator(new ApiKeyAuthenticator("k-123", new UserInfo("robot", null, ["system:masters"], UserInfo.NoExtra))));
        using var client = Untrusting(server.ServerAddress);

        using var none = await client.GetAsync(Widgets);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        var wrong = new HttpRequestMessage(HttpMethod.Get, Widgets);
        wrong.Headers.Add(ApiKeyAuthenticator.Header, "guess");
        using var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Post, Widgets) { Content = Widget("made-by-robot") };
        right.Headers.Add(ApiKeyAuthenticator.Header, "k-123");
        using var created = await client.SendAsync(right);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // A client certificate and a wrong key: the built-in authenticator comes first and decides.
        var both = new HttpRequestMessage(HttpMethod.Get, Widgets + "/made-by-robot");
        both.Headers.Add(ApiKeyAuthenticator.Header, "guess");
        using var admin = await server.Client.SendAsync(both);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task An_added_authorizer_decides_before_the_cluster_and_its_deny_is_final()
    {
        await using var server = await ApiTestServer.StartAggregatedAsync(builder => builder
            .AddResource(TestResources.Widget())
            .AddAuthorizer(new ReadOnlyForDevelopers()));
        server.Cluster!.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var jane = server.CreateClient("jane", "developers");
        using var joe = server.CreateClient("joe");

        using (var read = await jane.GetAsync(Widgets))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var write = await jane.PostAsync(Widgets, Widget("w1")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
            var message = (string?)JsonNode.Parse(await write.Content.ReadAsStringAsync())!["message"];
            Assert.Equal("widgets.test.example.com is forbidden: User \"jane\" cannot create resource \"widgets\" in API group \"test.example.com\" in the namespace \"default\": developers only read", message);
        }

        // Neither of jane's requests was asked of the cluster: the added authorizer decided both.
        Assert.Empty(server.Cluster.SubjectAccessReviews);

        // No opinion for others: the cluster decides.
        using var joeWrites = await joe.PostAsync(Widgets, Widget("w2"));
        Assert.Equal(HttpStatusCode.Created, joeWrites.StatusCode);
        Assert.Equal("joe", (string?)Assert.Single(server.Cluster.SubjectAccessReviews)["user"]);
    }

    [Fact]
    public async Task Accepted_tokens_are_reviewed_again_after_their_time_to_live()
    {
        await using var server = await ApiTestServer.StartAggregatedAsync(builder =>
        {
            builder.AddResource(TestResources.Widget());
            builder.Options = builder.Options with { AuthenticationTokenWebhookCacheTtl = TimeSpan.FromMilliseconds(300) };
        });
        server.Cluster!.AddToken("sa-token", new UserInfo("system:serviceaccount:ops:robot", null, ["system:masters"], UserInfo.NoExtra));
        using var direct = Untrusting(server.ServerAddress);
        direct.DefaultRequestHeaders.Authorization = new("Bearer", "sa-token");

        for (var i = 0; i < 2; i++)
        {
            using var cached = await direct.GetAsync(Widgets);
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        Assert.Single(server.Cluster.TokenReviews);
        await Task.Delay(600);
        using var again = await direct.GetAsync(Widgets);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, server.Cluster.TokenReviews.Count);
    }

    private static HttpClient Untrusting(Uri address) =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = address };

    private static StringContent Widget(string name) =>
        new($$$"""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"{{{name}}}"}}""", Encoding.UTF8, "application/json");

    /// <summary>One static key in a header, as a user might add for a machine client.</summary>
    private sealed class ApiKeyAuthenticator(string key, UserInfo user) : IAuthenticator
    {
        public const string Header = "X-Api-Key";

        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Headers[Header].FirstOrDefault() is not { } presented ? AuthenticationResult.NoCredentials
                : presented == key ? AuthenticationResult.Authenticated(user)
                : AuthenticationResult.Failed("wrong API key"));
    }

    /// <summary>Members of developers may read and nothing else; no opinion about anyone else.</summary>
    private sealed class ReadOnlyForDevelopers : IAuthorizer
    {
        public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken) =>
            ValueTask.FromResult(!attributes.User.Groups.Contains("developers") ? AuthorizationDecision.NoOpinion
                : attributes.IsReadOnly ? AuthorizationDecision.Allow
                : AuthorizationDecision.Deny("developers only read"));
    }
}
