using ApiBuilder.Runtime.JsonPath;
using Xunit;

namespace ApiBuilder.Runtime.Tests.JsonPath;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-1, "0s")]
    [InlineData(-1.9, "0s")]
    [InlineData(-2, "<invalid>")]
    [InlineData(1.9, "1s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(121, "2m1s")]
    [InlineData((9 * 60) + 59, "9m59s")]
    [InlineData(10 * 60, "10m")]
    [InlineData(179 * 60, "179m")]
    [InlineData(180 * 60, "3h")]
    [InlineData(181 * 60, "3h1m")]
    [InlineData((7 * 3600) + (59 * 60), "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData(191 * 3600, "7d23h")]
    [InlineData(192 * 3600, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(731 * 86400, "2y1d")]
    [InlineData(2920 * 86400, "8y")]
    [InlineData(3000 * 86400, "8y")]
    public void Formats_ages_like_kubernetes(double seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
