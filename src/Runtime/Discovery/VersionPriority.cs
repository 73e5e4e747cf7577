using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.Discovery;

/// <summary>
/// Orders API versions the way Kubernetes does: GA before beta before alpha, higher numbers first,
/// and versions that do not look like Kubernetes versions last, alphabetically.
/// </summary>
internal static partial class VersionPriority
{
    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex KubeVersion();

    public static int Compare(string a, string b)
    {
        var ka = Key(a);
        var kb = Key(b);
        if (ka is null || kb is null)
        {
            return ka is null && kb is null ? string.CompareOrdinal(a, b) : ka is null ? 1 : -1;
        }

        var (majorA, stageA, minorA) = ka.Value;
        var (majorB, stageB, minorB) = kb.Value;
        if (stageA != stageB)
        {
            return stageB.CompareTo(stageA);
        }

        if (majorA != majorB)
        {
            return majorB.CompareTo(majorA);
        }

        return minorB.CompareTo(minorA);
    }

    private static (int Major, int Stage, int Minor)? Key(string version)
    {
        var m = KubeVersion().Match(version);
        if (!m.Success)
        {
            return null;
        }

        var stage = m.Groups[2].Value switch { "alpha" => 0, "beta" => 1, _ => 2 };
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), stage, minor);
    }
}
