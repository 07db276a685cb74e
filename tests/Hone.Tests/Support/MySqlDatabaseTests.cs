using MySqlConnector;

namespace Hone.Tests.Support;

public sealed class MySqlDatabaseTests(MySqlDatabase database) : IClassFixture<MySqlDatabase>
{
    [ServerFact]
    public async Task RoundTrip_FourByteUnicode_ComesBackUnchanged()
    {
        // The emoji takes four bytes in UTF-8: MariaDB's three-byte "utf8" would refuse or mangle it.
        const string Text = "héllo 🌍";
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE item (id integer PRIMARY KEY, text varchar(100) NOT NULL)");
        await using (var insert = new MySqlCommand("INSERT INTO item VALUES (1, @text)", connection))
        {
            insert.Parameters.AddWithValue("@text", Text);
            await insert.ExecuteNonQueryAsync();
        }

        var read = await connection.ScalarAsync("SELECT text FROM item WHERE id = 1");

        Assert.Equal(Text, read);
        Assert.Equal(database.Name, await connection.ScalarAsync("SELECT DATABASE()"));
        Assert.Equal("utf8mb4", await connection.ScalarAsync("SELECT @@character_set_database"));
    }
}
