using Hone.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hone.Storages.Sql.Tests.Support;

/// <summary>Marks a test class whose tests need the PostgreSQL or MariaDB test server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UsesTestServersAttribute : Attribute;

/// <summary>A fact that is skipped, with the reason, when its class is marked <see cref="UsesTestServersAttribute"/>
/// and <c>HONE_TEST_SERVERS=skip</c>.</summary>
/// <remarks>The storage contract's facts are inherited by one class per engine, and only the class knows whether it
/// needs a server; a plain fact's skip reason is fixed where the method is declared. The project file makes
/// <c>[Fact]</c> mean this attribute, so the linked <c>ServerFactAttribute</c> derives from it: not sealed.</remarks>
[XunitTestCaseDiscoverer("Hone.Storages.Sql.Tests.Support.StorageFactDiscoverer", "Hone.Storage.Sql.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public class StorageFactAttribute : Xunit.FactAttribute;

/// <summary>Discovers <see cref="StorageFactAttribute"/> tests.</summary>
public sealed class StorageFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new StorageTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>A test case whose skip reason depends on its class.</summary>
public sealed class StorageTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StorageTestCase()
    {
    }

    public StorageTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        TestMethod.TestClass.Class.GetCustomAttributes(typeof(UsesTestServersAttribute)).Any()
        && TestServers.SkipReason is { } reason
            ? reason
            : base.GetSkipReason(factAttribute);
}
