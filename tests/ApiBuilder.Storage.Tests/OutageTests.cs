using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Tests.Storage;

namespace ApiBuilder.Storage.Tests;

/// <summary>What a client of a real server sees while etcd is gone, and after it is back.</summary>
public sealed class OutageTests
{
    private const string Flunders = "/apis/wardle.example.com/v1alpha1/namespaces/default/flunders";

    [Fact]
    public async Task While_etcd_is_down_requests_answer_503_with_retry_after_and_readyz_fails_then_both_recover()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        using var directory = new TempDirectory("outage");
        await using var server = await WardleProcess.StartAsync(directory.Path, "--etcd-servers", etcd.ClientUrl(0).ToString());

        await etcd.KillAsync(0);
        using (var create = await PostAsync(server.Http, "during-outage"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);
            Assert.NotNull(create.Headers.RetryAfter);
            var status = JsonNode.Parse(await create.Content.ReadAsStringAsync())!;
            Assert.Equal("ServiceUnavailable", status["reason"]!.GetValue<string>());
        }

        using (var get = await server.Http.GetAsync(Flunders))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        }

        using (var ready = await server.Http.GetAsync("/readyz/storage"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, ready.StatusCode);
        }

        await etcd.RestartAsync(0);
        using (var ready = await server.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using var after = await PostAsync(server.Http, "after-outage");
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string name)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "wardle.example.com/v1alpha1",
            ["kind"] = "Flunder",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["reference"] = "ref" },
        };
        return http.PostAsync(Flunders, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }
}
