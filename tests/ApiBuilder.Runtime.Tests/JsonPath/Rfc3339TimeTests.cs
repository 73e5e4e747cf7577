using ApiBuilder.Runtime.JsonPath;
using Xunit;

namespace ApiBuilder.Runtime.Tests.JsonPath;

public sealed class Rfc3339TimeTests
{
    [Theory]
    [InlineData("2024-01-10T12:00:00Z", "2024-01-10T12:00:00.0000000+00:00")]
    [InlineData("2024-01-10T12:00:00.5Z", "2024-01-10T12:00:00.5000000+00:00")]
    [InlineData("2024-01-10T12:00:00.123456789Z", "2024-01-10T12:00:00.1234567+00:00")]
    [InlineData("2024-01-10T13:30:00+01:30", "2024-01-10T12:00:00.0000000+00:00")]
    [InlineData("2024-01-10T00:00:00-23:59", "2024-01-10T23:59:00.0000000+00:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000+00:00")]
    public void Parses_rfc3339_instants(string text, string expectedRoundTrip)
    {
        Assert.True(Rfc3339Time.TryParse(text, out var instant));
        Assert.Equal(expectedRoundTrip, instant.ToString("o"));
    }

    [Theory]
    [InlineData("2024-01-10")]
    [InlineData("2024-01-10T12:00:00")]
    [InlineData("2024-01-10 12:00:00Z")]
    [InlineData("2024-01-10t12:00:00z")]
    [InlineData("2024-13-10T12:00:00Z")]
    [InlineData("2023-02-29T12:00:00Z")]
    [InlineData("2024-01-10T24:00:00Z")]
    [InlineData("2024-01-10T12:00:60Z")]
    [InlineData("2024-01-10T12:00:00+24:00")]
    [InlineData("2024-01-10T12:00:00.Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("２０２４-01-10T12:00:00Z")]
    [InlineData("2024-01-10T12:00:00Z\n")]
    public void Rejects_anything_else(string text)
    {
        Assert.False(Rfc3339Time.TryParse(text, out _));
    }
}
