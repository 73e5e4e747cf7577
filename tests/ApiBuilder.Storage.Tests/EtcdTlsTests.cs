using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Tests.Storage;

namespace ApiBuilder.Storage.Tests;

/// <summary>A real server storing in an etcd that serves clients over TLS only and demands client certificates.</summary>
public sealed class EtcdTlsTests
{
    private const string Flunders = "/apis/wardle.example.com/v1alpha1/namespaces/default/flunders";

    [Fact]
    public async Task The_server_creates_and_gets_through_an_etcd_with_client_certificate_auth()
    {
        await using var etcd = await EtcdCluster.StartAsync(tls: true);
        var tls = etcd.Tls!;
        using var directory = new TempDirectory("etcd-tls-server");
        await using var server = await WardleProcess.StartAsync(directory.Path,
            "--etcd-servers", etcd.ClientUrl(0).ToString(),
            "--etcd-cafile", tls.CaFile, "--etcd-certfile", tls.ClientCertFile, "--etcd-keyfile", tls.ClientKeyFile);

        var body = new JsonObject
        {
            ["apiVersion"] = "wardle.example.com/v1alpha1",
            ["kind"] = "Flunder",
            ["metadata"] = new JsonObject { ["name"] = "over-tls", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["reference"] = "ref" },
        };
        using (var create = await server.Http.PostAsync(Flunders, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.True(create.StatusCode == HttpStatusCode.Created, $"{create.StatusCode}: {await create.Content.ReadAsStringAsync()}\n{server.Output}");
        }

        using (var get = await server.Http.GetAsync(Flunders + "/over-tls"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var flunder = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
            Assert.Equal("ref", flunder["spec"]!["reference"]!.GetValue<string>());
        }

        // It is in etcd, where kube-apiserver would put it.
        using var http = new HttpClient(tls.CreateClientHandler());
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes("/registry/wardle.example.com/flunders/default/over-tls"));
        using var range = await http.PostAsync(new Uri(etcd.ClientUrl(0), "/v3/kv/range"), new StringContent($$"""{"key":"{{key}}","count_only":true}"""));
        var count = JsonNode.Parse(await range.Content.ReadAsStringAsync())!["count"]?.GetValue<string>();
        Assert.Equal("1", count);
    }
}
