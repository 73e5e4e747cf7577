using System.Diagnostics;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Etcd;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>
/// TLS to etcd that goes wrong: each mistake fails fast, as unavailable, with a message that names
/// the flag, the file and the fix (not a hang, not "the SSL connection could not be established").
/// </summary>
public sealed class EtcdTlsTests(TlsEtcdFixture etcd) : IClassFixture<TlsEtcdFixture>
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);

    private static JsonObject Obj(string name) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["v"] = name } };

    private EtcdTls Tls => etcd.Cluster.Tls!;

    private EtcdStorage Create(string? caFile, string? certFile, string? keyFile, Uri? server = null) =>
        new(EtcdStorageConformanceTests.Options(server is null ? etcd.Cluster.ClientUrls : [server]) with
        {
            CaFile = caFile,
            CertFile = certFile,
            KeyFile = keyFile,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });

    private static async Task<StorageException> FailsFast(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<StorageException>(action);
        Assert.True(clock.Elapsed < Fast, $"took {clock.Elapsed}: {e.Message}");
        Assert.Equal(StorageErrorCode.Unavailable, e.Code);
        return e;
    }

    [Fact]
    public async Task A_watch_over_tls_sees_writes()
    {
        await using var storage = Create(Tls.CaFile, Tls.ClientCertFile, Tls.ClientKeyFile);
        var start = await storage.GetCurrentRevisionAsync(default);
        using var watch = await storage.WatchAsync("/r/", start, default);
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in watch.Events(timeout.Token))
        {
            Assert.Equal(a.Revision, e.Object.Revision);
            return;
        }
    }

    [Fact]
    public async Task A_wrong_ca_fails_reads_writes_and_watches_at_once_naming_the_ca_file()
    {
        await using var storage = Create(Tls.OtherCaFile, Tls.ClientCertFile, Tls.ClientKeyFile);
        foreach (var e in new[]
                 {
                     await FailsFast(() => storage.GetAsync("/r/a", default).AsTask()),
                     await FailsFast(() => storage.CreateAsync("/r/a", Obj("a"), default).AsTask()),
                     await FailsFast(() => storage.WatchAsync("/r/", 0, default).AsTask()),
                 })
        {
            Assert.Contains("--etcd-cafile", e.Message);
            Assert.Contains(Tls.OtherCaFile, e.Message);
            Assert.Contains("CN=apibuilder-test-etcd-ca", e.Message);
            Assert.DoesNotContain("outcome is unknown", e.Message);
        }

        Assert.NotNull(await storage.CheckHealthAsync(default));
    }

    [Fact]
    public async Task No_ca_file_fails_against_the_system_roots_and_says_to_pass_one()
    {
        await using var storage = Create(null, Tls.ClientCertFile, Tls.ClientKeyFile);
        var e = await FailsFast(() => storage.GetAsync("/r/a", default).AsTask());
        Assert.Contains("--etcd-cafile", e.Message);
    }

    [Fact]
    public async Task No_client_certificate_for_an_etcd_that_demands_one_fails_at_once_naming_the_flags()
    {
        await using var storage = Create(Tls.CaFile, null, null);
        foreach (var e in new[]
                 {
                     await FailsFast(() => storage.GetAsync("/r/a", default).AsTask()),
                     await FailsFast(() => storage.CreateAsync("/r/a", Obj("a"), default).AsTask()),
                     await FailsFast(() => storage.WatchAsync("/r/", 0, default).AsTask()),
                 })
        {
            Assert.Contains("client certificate", e.Message);
            Assert.Contains("--etcd-certfile", e.Message);
            Assert.DoesNotContain("outcome is unknown", e.Message);
        }
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_rejected_naming_the_cert_file()
    {
        // A client certificate that etcd's --trusted-ca-file did not sign.
        using var other = new TempDirectory("etcd-tls");
        var foreign = EtcdTls.Create(other.Path, "apibuilder-test-foreign-ca");
        await using var storage = Create(Tls.CaFile, foreign.ClientCertFile, foreign.ClientKeyFile);
        var e = await FailsFast(() => storage.GetAsync("/r/a", default).AsTask());
        Assert.Contains(foreign.ClientCertFile, e.Message);
        Assert.Contains("CN=apibuilder-test-foreign-ca", e.Message);
        Assert.Contains("--trusted-ca-file", e.Message);
        Assert.DoesNotContain("outcome is unknown", (await FailsFast(() => storage.CreateAsync("/r/a", Obj("a"), default).AsTask())).Message);
    }

    [Fact]
    public async Task The_wrong_scheme_in_etcd_servers_is_named_both_ways()
    {
        var tlsUrl = etcd.Cluster.ClientUrl(0);
        await using (var storage = new EtcdStorage(EtcdStorageConformanceTests.Options([new UriBuilder(tlsUrl) { Scheme = "http" }.Uri])))
        {
            var e = await FailsFast(() => storage.CreateAsync("/r/a", Obj("a"), default).AsTask());
            Assert.Contains("serves TLS", e.Message);
            Assert.Contains($"https://{tlsUrl.Authority}", e.Message);
        }

        await using var plain = await EtcdCluster.StartAsync();
        await using (var storage = Create(Tls.CaFile, Tls.ClientCertFile, Tls.ClientKeyFile, new UriBuilder(plain.ClientUrl(0)) { Scheme = "https" }.Uri))
        {
            var e = await FailsFast(() => storage.GetAsync("/r/a", default).AsTask());
            Assert.Contains("TLS handshake", e.Message);
            Assert.Contains("use http://", e.Message);
        }
    }

    [Fact]
    public async Task A_serving_certificate_without_client_auth_breaks_only_etcd_34s_json_gateway_and_that_client_says_so()
    {
        await using var broken = await EtcdCluster.StartAsync(tls: true, serverCertificateForClients: false);
        var tls = broken.Tls!;
        var options = EtcdStorageConformanceTests.Options(broken.ClientUrls) with
        {
            CaFile = tls.CaFile,
            CertFile = tls.ClientCertFile,
            KeyFile = tls.ClientKeyFile,
        };

        // gRPC reaches etcd itself: the gateway's own dial back to etcd, which needs clientAuth, is not involved.
        await using (var grpc = new EtcdStorage(options))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            StoredObject? created = null;
            while (created is null)
            {
                try
                {
                    created = await grpc.CreateAsync("/r/a", Obj("a"), default);
                }
                catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable && DateTime.UtcNow < deadline)
                {
                    // The member is still electing itself (nothing waited for it to answer).
                    await Task.Delay(100);
                }
            }

            Assert.Equal(created.Revision, (await grpc.GetAsync("/r/a", default))!.Revision);
        }

        await using var json = new EtcdStorage(options with { Client = EtcdClientKind.Json });
        var gateway = await FailsFast(() => json.GetAsync("/r/a", default).AsTask());
        Assert.Contains("clientAuth", gateway.Message);

        // And a client certificate without clientAuth is refused before etcd refuses it.
        var notForClients = Assert.Throws<StorageConfigurationException>(() => Create(tls.CaFile, tls.ServerCertFile, tls.ServerKeyFile));
        Assert.Contains(tls.ServerCertFile, notForClients.Message);
        Assert.Contains("clientAuth", notForClients.Message);
    }

    [Fact]
    public void Unreadable_or_mismatched_tls_files_are_configuration_errors_naming_the_file()
    {
        var missing = Path.Combine(Tls.Directory, "missing.crt");
        var e = Assert.Throws<StorageConfigurationException>(() => Create(missing, null, null));
        Assert.Contains("--etcd-cafile", e.Message);
        Assert.Contains(missing, e.Message);

        // A key that is not the certificate's.
        e = Assert.Throws<StorageConfigurationException>(() => Create(Tls.CaFile, Tls.ClientCertFile, Tls.ServerKeyFile));
        Assert.Contains(Tls.ClientCertFile, e.Message);
        Assert.Contains(Tls.ServerKeyFile, e.Message);

        // A file without certificates.
        e = Assert.Throws<StorageConfigurationException>(() => Create(Tls.ClientKeyFile, null, null));
        Assert.Contains("--etcd-cafile", e.Message);
        Assert.Contains("no certificate", e.Message);
    }
}
