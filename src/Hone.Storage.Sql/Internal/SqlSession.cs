using System.Data.Common;

namespace Hone.Storages.Sql.Internal;

/// <summary>Runs the statements of one operation on one connection, inside its transaction when it has one.</summary>
/// <remarks>Statements name their parameters <c>@name</c>, which all three drivers accept.</remarks>
internal sealed class SqlSession(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
{
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>Makes a command with its parameters; a <see langword="null"/> value is written as SQL NULL.</summary>
    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs a statement and returns how many rows it matched.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns the first column of its first row, or <see langword="null"/> when it
    /// returned no row or SQL NULL.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query and hands each row to <paramref name="read"/>.</summary>
    public void Query(
        string sql, Action<DbDataReader> read, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            read(reader);
        }
    }

    /// <summary>Runs an INSERT into a table with a serial key and returns the new row's key.</summary>
    public long Insert(string sql, string keyColumn, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return Dialect.InsertReturningKey(command, keyColumn);
    }
}
