using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file with the settings every connection needs
/// (<c>synchronous=FULL</c> so an acknowledged write survives a crash, a busy timeout for the
/// write lock held by another process) and keeps a few idle ones for readers.
/// </summary>
internal sealed class SqliteConnections : IDisposable
{
    private const int MaxIdle = 4;

    private static readonly Lock InitGate = new();
    private static bool nativeLoaded;

    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private readonly string connectionString;
    private readonly int busyTimeoutMs;
    private volatile bool disposed;

    public SqliteConnections(string path, TimeSpan busyTimeout)
    {
        LoadNative();
        Path = path;
        busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This class keeps its own idle connections: they already carry the pragmas below.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = FULL;"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SqliteConnection Rent() => idle.TryTake(out var connection) ? connection : Open();

    /// <summary>Keeps a healthy connection for the next reader; pass <paramref name="broken"/> after an error.</summary>
    public void Return(SqliteConnection connection, bool broken = false)
    {
        if (broken || disposed || idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        idle.Add(connection);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = [];

    /// <summary>
    /// The connection's own command for <paramref name="sql"/>, prepared once and kept with the
    /// connection (a connection is used by one caller at a time), its parameters named by
    /// <paramref name="parameters"/>. Set their values and execute it; never dispose it.
    /// </summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameters)
    {
        var commands = Prepared.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            commands[sql] = command;
        }

        return command;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void DisposeIdle()
    {
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private static void LoadNative()
    {
        lock (InitGate)
        {
            if (!nativeLoaded)
            {
                // The e_sqlite3 native library ships in SQLitePCLRaw.bundle_e_sqlite3 (SourceGear.sqlite3).
                SQLitePCL.Batteries_V2.Init();
                nativeLoaded = true;
            }
        }
    }
}
