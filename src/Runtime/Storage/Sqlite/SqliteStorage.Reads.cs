using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

internal sealed partial class SqliteStorage
{
    public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(key, connection =>
        {
            var row = Latest(connection, key);
            return row is null or { Deleted: true } ? null : SqliteRows.Decode(key, row.Value, row.Id);
        }, snapshot: false));

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(prefix, connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT COUNT(*) FROM revisions r
                WHERE {PrefixCondition(command, prefix, "r.name")} AND r.deleted = 0
                  AND r.id = (SELECT MAX(n.id) FROM revisions n WHERE n.name = r.name)
                """;
            return (long)command.ExecuteScalar()!;
        }));

    public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(prefix, connection =>
        {
            var current = CurrentRevision(connection);
            var revision = request.Revision ?? current;
            if (revision > current)
            {
                throw new StorageException(StorageErrorCode.RevisionCompacted, prefix,
                    $"revision {revision} is newer than the current revision {current}", current);
            }

            var compacted = CompactedRevision(connection);
            if (revision < compacted)
            {
                throw StorageException.Compacted(revision, compacted + 1);
            }

            var start = request.StartKey is { } startKey && string.CompareOrdinal(startKey, prefix) > 0 ? startKey : prefix;
            var items = new List<StoredObject>();
            string? nextKey = null;
            using (var command = connection.CreateCommand())
            {
                // The newest row of each key at the revision, unless it is a deletion.
                command.CommandText = $"""
                    SELECT r.name, r.id, r.value FROM revisions r
                    JOIN (SELECT name, MAX(id) AS id FROM revisions
                          WHERE name >= $start AND {PrefixCondition(command, prefix, "name")} AND id <= $rev
                          GROUP BY name) latest ON r.id = latest.id
                    WHERE r.deleted = 0
                    ORDER BY r.name
                    """;
                command.Parameters.AddWithValue("$start", start);
                command.Parameters.AddWithValue("$rev", revision);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var name = reader.GetString(0);
                    if (request.Limit > 0 && items.Count == request.Limit && request.Filter is null)
                    {
                        nextKey = name;
                        break;
                    }

                    var item = SqliteRows.Decode(name, (byte[])reader.GetValue(2), reader.GetInt64(1));
                    if (request.Filter is { } filter && !filter(item.Value))
                    {
                        continue;
                    }

                    if (request.Limit > 0 && items.Count == request.Limit)
                    {
                        nextKey = name;
                        break;
                    }

                    items.Add(item);
                }
            }

            long? remaining = null;
            if (nextKey is not null && request.Filter is null)
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"""
                    SELECT COUNT(*) FROM revisions r
                    JOIN (SELECT name, MAX(id) AS id FROM revisions
                          WHERE name >= $start AND {PrefixCondition(count, prefix, "name")} AND id <= $rev
                          GROUP BY name) latest ON r.id = latest.id
                    WHERE r.deleted = 0
                    """;
                count.Parameters.AddWithValue("$start", nextKey);
                count.Parameters.AddWithValue("$rev", revision);
                remaining = (long)count.ExecuteScalar()!;
            }

            return new StorageList(items, revision, nextKey, remaining);
        }));

    public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) =>
        follower.WatchAsync(prefix, afterRevision, cancellationToken);

    /// <summary>Keys under <paramref name="prefix"/>, as a range the (name, id) index serves.</summary>
    internal static string PrefixCondition(SqliteCommand command, string prefix, string column)
    {
        command.Parameters.AddWithValue("$prefix", prefix);
        var condition = $"{column} >= $prefix AND substr({column}, 1, length($prefix)) = $prefix";
        if (SqliteRows.PrefixEnd(prefix) is { } end)
        {
            command.Parameters.AddWithValue("$prefixEnd", end);
            condition += $" AND {column} < $prefixEnd";
        }

        return condition;
    }
}
