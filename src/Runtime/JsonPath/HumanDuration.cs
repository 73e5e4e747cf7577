namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Kubernetes' <c>duration.HumanDuration</c> (k8s.io/apimachinery/pkg/util/duration): an age such
/// as "45s", "5m30s", "3h12m", "2d4h" or "3y20d", with two or three significant figures.
/// </summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        // Up to two seconds in the future counts as now, tolerating clock skew between machines.
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }

        var minutes = duration.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            return WithRemainder(minutes, "m", seconds % 60, "s");
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = duration.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            return WithRemainder(hours, "h", minutes % 60, "m");
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            return WithRemainder(hours / 24, "d", hours % 24, "h");
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            return WithRemainder(hours / 24 / 365, "y", hours / 24 % 365, "d");
        }

        return $"{hours / 24 / 365}y";
    }

    private static string WithRemainder(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? $"{major}{majorUnit}" : $"{major}{majorUnit}{minor}{minorUnit}";
}
