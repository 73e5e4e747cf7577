using ApiBuilder.Runtime.Storage.Etcd;
using ApiBuilder.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>
/// What the storage layer itself can do, through the same code the storage uses, with the same
/// load tool and concurrency as the API scenarios: etcd puts and ranges through the storage's
/// etcd client (gRPC or JSON gateway, as the server under test); SQLite inserts with the storage's connection setup (WAL, synchronous=FULL,
/// busy timeout) and schema, one <c>BEGIN IMMEDIATE</c> transaction per insert, serialized as the
/// storage serializes its writes.
/// </summary>
internal static class RawBaselines
{
    public static Task<LoadResult> EtcdPutsAsync(IEtcdClient client, string prefix, byte[] value, TimeSpan duration, int concurrency) =>
        LoadRunner.RunAsync(duration, concurrency, async (_, n) =>
        {
            var key = System.Text.Encoding.UTF8.GetBytes(prefix + n);
            var response = await client.TxnAsync(new TxnRequest([], [new RequestOp(RequestPut: new PutRequest(key, value))]), CancellationToken.None);
            return response.Succeeded ? null : "txn failed";
        });

    /// <summary>Reads of one key (a linearizable range, as the storage's GET).</summary>
    public static Task<LoadResult> EtcdGetsAsync(IEtcdClient client, string key, TimeSpan duration, int concurrency) =>
        LoadRunner.RunAsync(duration, concurrency, async (_, _) =>
        {
            var response = await client.RangeAsync(new RangeRequest(System.Text.Encoding.UTF8.GetBytes(key)), CancellationToken.None);
            return response.Kvs?.Length == 1 ? null : "key not found";
        });

    /// <summary>One range of everything under <paramref name="prefix"/>, as etcd returns it (values and all).</summary>
    public static Task<LoadResult> EtcdRangeAsync(IEtcdClient client, string prefix, int expected, TimeSpan duration) =>
        LoadRunner.RunAsync(duration, 1, async (_, _) =>
        {
            var key = System.Text.Encoding.UTF8.GetBytes(prefix);
            var response = await client.RangeAsync(new RangeRequest(key, EtcdKeys.RangeEnd(key)), CancellationToken.None);
            return response.Kvs?.Length == expected ? null : $"range returned {response.Kvs?.Length} keys, expected {expected}";
        });

    public static async Task<LoadResult> SqliteInsertsAsync(string path, byte[] value, TimeSpan duration, int concurrency)
    {
        using var connections = new SqliteConnections(path, TimeSpan.FromSeconds(5));
        using (var setup = connections.Open())
        {
            SqliteSchema.Ensure(setup, path);
        }

        using var writer = connections.Open();
        using var gate = new SemaphoreSlim(1, 1);
        long id = 0;
        return await LoadRunner.RunAsync(duration, concurrency, async (_, n) =>
        {
            await gate.WaitAsync();
            try
            {
                SqliteConnections.Execute(writer, "BEGIN IMMEDIATE");
                using (var command = writer.CreateCommand())
                {
                    command.CommandText = """
                        INSERT INTO revisions (id, name, created, deleted, create_revision, prev_revision, value)
                        VALUES ($id, $name, 1, 0, $id, 0, $value)
                        """;
                    command.Parameters.AddWithValue("$id", ++id);
                    command.Parameters.AddWithValue("$name", "/registry/raw/" + n);
                    command.Parameters.AddWithValue("$value", value);
                    command.ExecuteNonQuery();
                }

                SqliteConnections.Execute(writer, "COMMIT");
                return null;
            }
            catch (SqliteException e)
            {
                return e.Message;
            }
            finally
            {
                gate.Release();
            }
        });
    }
}
