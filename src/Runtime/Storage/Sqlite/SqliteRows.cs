using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>Turns objects into row values and rows back into objects and events.</summary>
internal static class SqliteRows
{
    /// <summary>Columns read by <see cref="ReadEvent"/>, in order; <c>p</c> is the previous row of an update.</summary>
    public const string EventColumns = "r.id, r.name, r.created, r.deleted, r.prev_revision, r.value, p.value";

    public const string EventJoin = "revisions r LEFT JOIN revisions p ON p.id = r.prev_revision AND r.created = 0 AND r.deleted = 0";

    public static byte[] Encode(JsonObject value) => StoredValues.Encode(value);

    public static StoredObject Decode(string key, byte[] value, long revision) => StoredValues.Decode(key, value, revision, "stored");

    /// <summary>Reads a row selected with <see cref="EventColumns"/>.</summary>
    public static StorageEvent ReadEvent(SqliteDataReader reader)
    {
        var id = reader.GetInt64(0);
        var name = reader.GetString(1);
        var created = reader.GetInt64(2) != 0;
        var deleted = reader.GetInt64(3) != 0;
        var prevRevision = reader.GetInt64(4);
        var value = (byte[])reader.GetValue(5);
        var current = Decode(name, value, id);
        if (created)
        {
            return new StorageEvent(StorageEventType.Added, current, null);
        }

        if (deleted)
        {
            // A deletion row carries the deleted value, so the previous state needs no second read.
            return new StorageEvent(StorageEventType.Deleted, current, Decode(name, value, prevRevision));
        }

        var previous = reader.IsDBNull(6) ? null : Decode(name, (byte[])reader.GetValue(6), prevRevision);
        return new StorageEvent(StorageEventType.Modified, current, previous);
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>; null when there is none.</summary>
    public static string? PrefixEnd(string prefix)
    {
        if (prefix.Length == 0)
        {
            return null;
        }

        var last = prefix[^1];
        // UTF-8 byte order (SQLite's BINARY collation) matches character order outside surrogates.
        return last < 0xD7FF ? prefix[..^1] + (char)(last + 1) : null;
    }
}
