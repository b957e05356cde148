using Switchboard.Gateway.Clients;

namespace Switchboard.Gateway.Tests.Clients;

public sealed class StreamErrorsTests
{
    [Fact]
    public async Task Translate_DeliversTheItemsBeforeAFailure_ThenThrowsTheTranslatedException()
    {
        var seen = new List<string>();
        var failure = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var item in FailsAfter(["a", "b"], new TimeoutException("upstream cut")).Translate((TimeoutException ex) => new ArgumentException(ex.Message, ex)))
            {
                seen.Add(item);
            }
        });

        Assert.Equal(["a", "b"], seen);
        Assert.Equal("upstream cut", failure.Message);
        Assert.IsType<TimeoutException>(failure.InnerException);
    }

    [Fact]
    public async Task Translate_LeavesOtherExceptionsAndACleanEndAlone()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in FailsAfter(["a"], new InvalidOperationException()).Translate((TimeoutException ex) => new ArgumentException(ex.Message, ex)))
            {
            }
        });

        var all = new List<string>();
        await foreach (var item in FailsAfter(["x", "y"], null).Translate((TimeoutException ex) => new ArgumentException(ex.Message, ex)))
        {
            all.Add(item);
        }

        Assert.Equal(["x", "y"], all);
    }

    private static async IAsyncEnumerable<string> FailsAfter(string[] items, Exception? failure)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
