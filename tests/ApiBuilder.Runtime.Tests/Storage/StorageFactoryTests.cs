using ApiBuilder.Runtime.Server;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Cache;
using ApiBuilder.Runtime.Storage.Etcd;
using ApiBuilder.Runtime.Storage.Memory;
using ApiBuilder.Runtime.Storage.Sqlite;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class StorageFactoryTests : IDisposable
{
    private readonly TempDirectory directory = new("factory");

    public void Dispose() => directory.Dispose();

    private static ApiServerOptions Parse(params string[] args) => FlagParser.Parse(args, new ApiServerOptions())!;

    [Fact]
    public void Sqlite_is_the_default_and_the_storage_flags_are_parsed()
    {
        Assert.Equal("sqlite", Parse().Storage);
        Assert.Equal("sqlite:/data/x.db", Parse("--storage", "sqlite:/data/x.db").Storage);
        Assert.Equal("memory", Parse("--storage=memory").Storage);
        var etcd = Parse("--etcd-servers", "http://127.0.0.1:2379,http://127.0.0.1:22379", "--etcd-prefix", "/wardle",
            "--etcd-cafile", "ca.pem", "--etcd-certfile", "c.pem", "--etcd-keyfile", "k.pem");
        Assert.Equal("etcd", etcd.Storage);
        Assert.Equal(["http://127.0.0.1:2379", "http://127.0.0.1:22379"], etcd.EtcdServers);
        Assert.Equal("/wardle", etcd.EtcdPrefix);
        Assert.Equal(("ca.pem", "c.pem", "k.pem"), (etcd.EtcdCaFile, etcd.EtcdCertFile, etcd.EtcdKeyFile));
    }

    [Theory]
    [InlineData("invalid value \"postgres\" for --storage", "--storage", "postgres")]
    [InlineData("sqlite: needs a file", "--storage", "sqlite:")]
    [InlineData("--storage etcd needs --etcd-servers", "--storage", "etcd")]
    [InlineData("drop one of them", "--storage", "memory", "--etcd-servers", "http://127.0.0.1:2379")]
    [InlineData("must be given together", "--etcd-servers", "http://127.0.0.1:2379", "--etcd-certfile", "c.pem")]
    public void Storage_flags_a_user_got_wrong_are_refused_with_the_fix(string message, params string[] args)
    {
        var error = Assert.Throws<FlagException>(() => Parse(args));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_default_database_lives_beside_the_certificate_directory()
    {
        Assert.Equal(Path.GetFullPath("apiserver.local.config/storage.db"), StorageFactory.DefaultSqlitePath("apiserver.local.config/certificates"));
        Assert.Equal("/tmp/x/storage.db", StorageFactory.DefaultSqlitePath("/tmp/x/certs/"));
    }

    [Fact]
    public async Task The_factory_builds_each_backend_with_the_watch_cache_in_front_of_durable_ones()
    {
        var settings = new StorageSettings { DefaultSqlitePath = Path.Combine(directory.Path, "d", "storage.db") };
        var sqlite = StorageFactory.Create(settings);
        await using (sqlite.Storage)
        {
            var cache = Assert.IsType<CachedStorage>(sqlite.Storage);
            Assert.IsType<SqliteStorage>(cache.Backend);
            Assert.Same(cache, sqlite.Cache);
            Assert.Null(await sqlite.CheckHealthAsync(default));
            Assert.True(File.Exists(settings.DefaultSqlitePath));
        }

        var memory = StorageFactory.Create(settings with { Storage = "memory" });
        await using (memory.Storage)
        {
            Assert.IsType<MemoryStorage>(memory.Storage);
        }

        var etcd = StorageFactory.Create(settings with { EtcdServers = ["http://127.0.0.1:1"] });
        await using (etcd.Storage)
        {
            Assert.IsType<EtcdStorage>(((CachedStorage)etcd.Storage).Backend);
            Assert.NotNull(await etcd.CheckHealthAsync(default));
        }

        Assert.Throws<StorageConfigurationException>(() => StorageFactory.Create(settings with { Storage = "etcd", EtcdServers = ["localhost:2379"] }));
    }

    [Fact]
    public void A_foreign_file_fails_the_factory_with_a_message_naming_the_file()
    {
        var path = Path.Combine(directory.Path, "notes.txt");
        File.WriteAllText(path, "hello");
        var error = Assert.Throws<StorageConfigurationException>(() => StorageFactory.Create(new StorageSettings { Storage = "sqlite:" + path, DefaultSqlitePath = "unused" }));
        Assert.Contains(path, error.Message);
        Assert.Equal("hello", File.ReadAllText(path));
    }
}
