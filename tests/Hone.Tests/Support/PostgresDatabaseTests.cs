using Npgsql;

namespace Hone.Tests.Support;

public sealed class PostgresDatabaseTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [ServerFact]
    public async Task RoundTrip_NonFiniteDoublesAndUnicode_ComeBackBitForBit()
    {
        double[] numbers = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon];
        const string Text = "héllo 🌍";
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE item (id integer PRIMARY KEY, number float8, text text)");
        for (var i = 0; i < numbers.Length; i++)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO item VALUES ($1, $2, $3)", connection);
            insert.Parameters.Add(new() { Value = i });
            insert.Parameters.Add(new() { Value = numbers[i] });
            insert.Parameters.Add(new() { Value = Text });
            await insert.ExecuteNonQueryAsync();
        }

        var rows = new List<(double Number, string Text)>();
        await using (var select = new NpgsqlCommand("SELECT number, text FROM item ORDER BY id", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetDouble(0), reader.GetString(1)));
            }
        }

        Assert.Equal(numbers.Select(BitConverter.DoubleToInt64Bits),
            rows.Select(r => BitConverter.DoubleToInt64Bits(r.Number)));
        Assert.All(rows, r => Assert.Equal(Text, r.Text));
        Assert.Equal(database.Name, await connection.ScalarAsync("SELECT current_database()"));
        // SQL_ASCII would also hand the bytes back unchanged, but it would not check or sort them as text.
        Assert.Equal("UTF8", await connection.ScalarAsync("SHOW server_encoding"));
    }
}
