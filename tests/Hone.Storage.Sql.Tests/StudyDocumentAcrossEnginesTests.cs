using System.Text;
using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Storages.Sql.Tests;

/// <summary>Checks that a study document moves between SQLite, PostgreSQL and MariaDB (and memory) byte for byte:
/// each engine gives back the document it was given.</summary>
[UsesTestServers]
public sealed class StudyDocumentAcrossEnginesTests(PostgresDatabase postgres, MySqlDatabase mySql)
    : IClassFixture<PostgresDatabase>, IClassFixture<MySqlDatabase>, IDisposable
{
    private readonly TempSqlite _first = new();
    private readonly TempSqlite _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void Import_FromEachEngineIntoTheNext_ExportsTheSameBytes()
    {
        using var memory = new InMemoryStorage(new FakeTimeProvider(StudyDocumentSample.Start)
        {
            AutoAdvanceAmount = TimeSpan.FromMilliseconds(1.5),
        });
        StudyDocumentSample.Create(memory, [StudyDirection.Minimize, StudyDirection.Maximize], withRunning: false);
        byte[] expected = Export(memory);
        var urls = new[]
        {
            _first.Url,
            TestDatabases.PostgresUrl(postgres.ConnectionString),
            TestDatabases.MySqlUrl(mySql.ConnectionString),
            _second.Url,
        };

        byte[] document = expected;
        foreach (string url in urls)
        {
            using var storage = RelationalStorage.Open(url);
            using (var input = new MemoryStream(document))
            {
                StudyDocument.Import(storage, input);
            }

            document = Export(storage);
            Assert.True(expected.AsSpan().SequenceEqual(document), $"{url.Split(':')[0]} changed the document");
        }

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(document));
    }

    [Fact]
    public void Copy_StudyWrittenByTrialsOnOneEngine_ReadsTheSameOnTheOthers()
    {
        using var sqlite = RelationalStorage.Open(_first.Url);
        StudyDocumentSample.Create(sqlite, [StudyDirection.Maximize], withRunning: true);
        using var pg = RelationalStorage.Open(TestDatabases.PostgresUrl(postgres.ConnectionString));
        using var my = RelationalStorage.Open(TestDatabases.MySqlUrl(mySql.ConnectionString));

        using var sqliteAgain = RelationalStorage.Open(_second.Url);

        var toPostgres = StudyDocument.Copy(sqlite, StudyDocumentSample.Name, pg, "copy");
        var toMySql = StudyDocument.Copy(pg, "copy", my);
        var back = StudyDocument.Copy(my, "copy", sqliteAgain);

        Assert.Equal(1, toPostgres.ConvertedRunningTrials);
        Assert.Equal(0, toMySql.ConvertedRunningTrials);
        Assert.Equal(13, back.TrialCount);
        // The running trial became a failed one in the copies; the rest is what the trials wrote on SQLite.
        Assert.Equal(Export(pg, "copy"), Export(my, "copy"));
        Assert.Equal(Export(my, "copy"), Export(sqliteAgain, "copy"));
        var original = sqlite.GetAllTrials(sqlite.GetStudyId(StudyDocumentSample.Name));
        var copied = sqliteAgain.GetAllTrials(back.StudyId);
        for (int i = 0; i < 12; i++)
        {
            TrialAssert.Same(original[i] with { TrialId = copied[i].TrialId }, copied[i] with
            {
                UserAttributes = Reorder(copied[i].UserAttributes, original[i].UserAttributes),
                SystemAttributes = Reorder(copied[i].SystemAttributes, original[i].SystemAttributes),
            });
        }

        Assert.Equal(TrialState.Running, original[12].State);
        Assert.Equal(TrialState.Fail, copied[12].State);
        Assert.Equal(true, copied[12].SystemAttributes["hone:imported_running"]);
    }

    /// <summary>Lists attributes in another dictionary's key order, since a document sorts them by key.</summary>
    private static Dictionary<string, object?> Reorder(
        IReadOnlyDictionary<string, object?> attributes, IReadOnlyDictionary<string, object?> order) =>
        order.Keys.Where(attributes.ContainsKey).Concat(attributes.Keys.Where(k => !order.ContainsKey(k)))
            .ToDictionary(k => k, k => attributes[k], StringComparer.Ordinal);

    private static byte[] Export(TrialStorage storage, string name = StudyDocumentSample.Name)
    {
        using var output = new MemoryStream();
        StudyDocument.Export(storage, name, output);
        return output.ToArray();
    }
}
