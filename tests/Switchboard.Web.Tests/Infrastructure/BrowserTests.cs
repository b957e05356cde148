namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>The browser tests share one <see cref="BrowserFixture"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
