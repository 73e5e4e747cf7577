using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Etcd;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class EtcdStorageConformanceTests(EtcdFixture etcd) : StorageConformanceTests, IClassFixture<EtcdFixture>
{
    internal static EtcdStorage Create(IReadOnlyList<Uri> servers, string? prefix = null) => new(Options(servers, prefix));

    internal static EtcdStorageOptions Options(IReadOnlyList<Uri> servers, string? prefix = null) => new()
    {
        Servers = servers,
        Root = "",
        Prefix = prefix ?? "/apibuilder-test-" + Guid.NewGuid().ToString("N")[..8],
        CompactionInterval = Timeout.InfiniteTimeSpan,
    };

    private protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(Create(etcd.Cluster.ClientUrls));

    private protected override async Task CompactAsync(IStorage storage, long revision) =>
        await ((EtcdStorage)storage).CompactAsync(revision, default);
}

/// <summary>The same contract through etcd's JSON gateway (<c>--etcd-client json</c>).</summary>
public sealed class JsonEtcdStorageConformanceTests(EtcdFixture etcd) : StorageConformanceTests, IClassFixture<EtcdFixture>
{
    private protected override Task<IStorage> CreateStorageAsync() =>
        Task.FromResult<IStorage>(new EtcdStorage(EtcdStorageConformanceTests.Options(etcd.Cluster.ClientUrls) with { Client = EtcdClientKind.Json }));

    private protected override async Task CompactAsync(IStorage storage, long revision) =>
        await ((EtcdStorage)storage).CompactAsync(revision, default);
}

/// <summary>The same contract over HTTPS, to an etcd that demands a client certificate.</summary>
public sealed class TlsEtcdStorageConformanceTests(TlsEtcdFixture etcd) : StorageConformanceTests, IClassFixture<TlsEtcdFixture>
{
    internal static EtcdStorage Create(EtcdCluster cluster, string? prefix = null)
    {
        var tls = cluster.Tls ?? throw new InvalidOperationException("this etcd serves plain HTTP");
        return new(EtcdStorageConformanceTests.Options(cluster.ClientUrls, prefix) with
        {
            CaFile = tls.CaFile,
            CertFile = tls.ClientCertFile,
            KeyFile = tls.ClientKeyFile,
        });
    }

    private protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(Create(etcd.Cluster));

    private protected override async Task CompactAsync(IStorage storage, long revision) =>
        await ((EtcdStorage)storage).CompactAsync(revision, default);
}
