using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

internal sealed partial class SqliteStorage
{
    public async ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        var bytes = SqliteRows.Encode(value);
        var revision = await WriteAsync(key, connection =>
        {
            if (Latest(connection, key) is { Deleted: false })
            {
                throw StorageException.Exists(key);
            }

            var id = CurrentRevision(connection) + 1;
            Insert(connection, id, key, created: true, deleted: false, createRevision: id, prevRevision: 0, bytes);
            return id;
        }, cancellationToken).ConfigureAwait(false);
        return Committed(key, value, revision);
    }

    public async ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken)
    {
        var bytes = SqliteRows.Encode(value);
        var revision = await WriteAsync(key, connection =>
        {
            var current = Latest(connection, key);
            if (current is null or { Deleted: true })
            {
                throw StorageException.NotFound(key);
            }

            if (current.Id != expectedRevision)
            {
                throw StorageException.Conflict(key);
            }

            var id = CurrentRevision(connection) + 1;
            Insert(connection, id, key, created: false, deleted: false, current.CreateRevision, current.Id, bytes);
            return id;
        }, cancellationToken).ConfigureAwait(false);
        return Committed(key, value, revision);
    }

    public async ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken)
    {
        var previous = await WriteAsync(key, connection =>
        {
            var current = Latest(connection, key);
            if (current is null or { Deleted: true })
            {
                throw StorageException.NotFound(key);
            }

            if (current.Id != expectedRevision)
            {
                throw StorageException.Conflict(key);
            }

            // The deletion row keeps the deleted value, so watchers get the last state.
            var id = CurrentRevision(connection) + 1;
            Insert(connection, id, key, created: false, deleted: true, current.CreateRevision, current.Id, current.Value);
            return current;
        }, cancellationToken).ConfigureAwait(false);
        follower.Notify();
        return SqliteRows.Decode(key, previous.Value, previous.Id);
    }

    /// <summary>
    /// Drops history at and below <paramref name="revision"/> (never the current state): rows
    /// replaced by a newer row at or below it, and deletions. Reads and watches from before it
    /// answer <see cref="StorageErrorCode.RevisionCompacted"/> afterwards.
    /// </summary>
    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken)
    {
        revision = Math.Min(revision, await follower.CatchUpAsync(cancellationToken).ConfigureAwait(false));
        await WriteAsync("", connection =>
        {
            var target = Math.Min(revision, CurrentRevision(connection));
            if (target <= CompactedRevision(connection))
            {
                return 0;
            }

            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM revisions WHERE id <= $c
                    AND id < (SELECT MAX(n.id) FROM revisions n WHERE n.name = revisions.name AND n.id <= $c);
                DELETE FROM revisions WHERE id <= $c AND deleted = 1;
                UPDATE storage_meta SET value = $c WHERE key = 'compact_revision';
                """;
            command.Parameters.AddWithValue("$c", target);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    private StoredObject Committed(string key, JsonObject value, long revision)
    {
        ObjectRevision.Set(value, revision);
        follower.Notify();
        return new StoredObject(key, value, revision);
    }

    private sealed record Row(long Id, bool Deleted, long CreateRevision, byte[] Value);

    private static Row? Latest(SqliteConnection connection, string key)
    {
        var command = SqliteConnections.Command(connection,
            "SELECT id, deleted, create_revision, value FROM revisions WHERE name = $name ORDER BY id DESC LIMIT 1", "$name");
        command.Parameters[0].Value = key;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Row(reader.GetInt64(0), reader.GetInt64(1) != 0, reader.GetInt64(2), (byte[])reader.GetValue(3)) : null;
    }

    private static void Insert(SqliteConnection connection, long id, string key, bool created, bool deleted, long createRevision, long prevRevision, byte[] value)
    {
        var command = SqliteConnections.Command(connection, """
            INSERT INTO revisions (id, name, created, deleted, create_revision, prev_revision, value)
            VALUES ($id, $name, $created, $deleted, $create, $prev, $value)
            """, "$id", "$name", "$created", "$deleted", "$create", "$prev", "$value");
        var parameters = command.Parameters;
        parameters[0].Value = id;
        parameters[1].Value = key;
        parameters[2].Value = created ? 1 : 0;
        parameters[3].Value = deleted ? 1 : 0;
        parameters[4].Value = createRevision;
        parameters[5].Value = prevRevision;
        parameters[6].Value = value;
        command.ExecuteNonQuery();
    }
}
