using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>Polls until a condition holds, for effects that are asynchronous by design; never a sleep-then-assert.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<string> describeFailure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(describeFailure());
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
