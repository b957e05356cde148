using Microsoft.Data.Sqlite;

namespace Switchboard.Knowledge.Store;

/// <summary>
/// <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c>, rolled back on dispose unless committed. Taking the write lock at the start
/// (rather than on the first write, as a deferred transaction does) avoids SQLITE_BUSY upgrades between concurrent
/// workers, and plain SQL lets every command on the connection join it without being handed a transaction object.
/// </summary>
internal sealed class WriteTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _finished;

    private WriteTransaction(SqliteConnection connection)
    {
        _connection = connection;
        Execute("BEGIN IMMEDIATE;");
    }

    public static WriteTransaction Begin(SqliteConnection connection) => new(connection);

    public void Commit()
    {
        Execute("COMMIT;");
        _finished = true;
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            Execute("ROLLBACK;");
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
