using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>
/// The database layout, in the spirit of k3s' kine: one table where every row is one revision
/// (<c>id</c> is the revision), written in revision order. The file is marked with an
/// application id and a schema version (<c>PRAGMA user_version</c>) so that a foreign or newer
/// file is refused instead of being changed.
/// </summary>
internal static class SqliteSchema
{
    /// <summary><c>PRAGMA application_id</c> of ApiBuilder's databases ("APIB").</summary>
    public const int ApplicationId = 0x41504942;

    public const int Version = 1;

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private const string CreateSql = """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE INDEX revisions_name_id ON revisions (name, id);
        CREATE TABLE storage_meta (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO storage_meta (key, value) VALUES ('compact_revision', 0);
        """;

    /// <summary>
    /// Refuses a file that is not a SQLite database before SQLite opens it. Opening does not write,
    /// but refusing early gives the clearest message and keeps the file untouched.
    /// </summary>
    public static void CheckFileHeader(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var header = new byte[SqliteHeader.Length];
        int read;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read > 0 && (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader)))
        {
            throw NotADatabase(path);
        }
    }

    /// <summary>Creates the schema in a new, empty database, or checks that an existing one is ours and current.</summary>
    /// <exception cref="StorageConfigurationException">The file belongs to something else, is corrupt, or is newer than this build.</exception>
    public static void Ensure(SqliteConnection connection, string path)
    {
        try
        {
            if (Inspect(connection, path))
            {
                return;
            }

            SqliteConnections.Execute(connection, "BEGIN IMMEDIATE");
            try
            {
                // Another process may have created it between the look and the lock.
                if (!Inspect(connection, path))
                {
                    SqliteConnections.Execute(connection, CreateSql + string.Create(CultureInfo.InvariantCulture,
                        $"\nPRAGMA application_id = {ApplicationId};\nPRAGMA user_version = {Version};"));
                }

                SqliteConnections.Execute(connection, "COMMIT");
            }
            catch
            {
                TryRollback(connection);
                throw;
            }

            // WAL lets readers and the writer work at once; the setting is stored in the file.
            SqliteConnections.Execute(connection, "PRAGMA journal_mode = WAL");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            throw NotADatabase(path, e);
        }
    }

    public static void TryRollback(SqliteConnection connection)
    {
        try
        {
            SqliteConnections.Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open (SQLite rolls back by itself after some errors).
        }
    }

    /// <summary>True when the schema is ours and current; false when the database is empty.</summary>
    private static bool Inspect(SqliteConnection connection, string path)
    {
        var applicationId = Scalar(connection, "PRAGMA application_id");
        var version = Scalar(connection, "PRAGMA user_version");
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (applicationId == 0 && version == 0 && tables.Count == 0)
        {
            return false;
        }

        if (applicationId != ApplicationId)
        {
            var found = tables.Count == 0 ? "no tables" : "tables " + string.Join(", ", tables);
            throw new StorageConfigurationException(
                $"storage file {path} is a SQLite database of another program ({found}); it was left unchanged. " +
                $"Pass --storage sqlite:<path> with a new file, or move {path} away.");
        }

        if (version > Version)
        {
            throw new StorageConfigurationException(
                $"storage file {path} has schema version {version}, written by a newer ApiBuilder (this one reads version {Version}); it was left unchanged. " +
                "Run the newer server, or pass --storage sqlite:<path> with a new file.");
        }

        if (version < 1 || !tables.Contains("revisions") || !tables.Contains("storage_meta"))
        {
            throw new StorageConfigurationException(
                $"storage file {path} is marked as ApiBuilder storage but its tables are missing or incomplete (schema version {version}); it was left unchanged. " +
                $"Restore it from a backup, or move {path} away to start empty.");
        }

        return true;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static StorageConfigurationException NotADatabase(string path, Exception? inner = null) =>
        new($"storage file {path} is not a SQLite database or is corrupt; it was left unchanged. " +
            $"Restore it from a backup, move it away to start empty, or pass --storage sqlite:<path> with another file.", inner);
}
