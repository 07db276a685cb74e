using Hone.Storages;

namespace Hone.Tests.Storages;

public sealed class InMemoryStorageTests : StorageContractTests
{
    protected override TrialStorage CreateStorage() => new InMemoryStorage();
}
