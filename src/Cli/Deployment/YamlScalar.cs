using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApiBuilder.Cli.Deployment;

/// <summary>Values from the command line as YAML scalars: plain when that reads back as the same string, double-quoted otherwise.</summary>
internal static partial class YamlScalar
{
    [GeneratedRegex(@"^[A-Za-z0-9/_.$(-][A-Za-z0-9/_.:=,@+$()-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    [GeneratedRegex(@"^([-+]?[0-9.]+([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$", RegexOptions.CultureInvariant)]
    private static partial Regex Special();

    public static string Of(string value) =>
        Plain().IsMatch(value) && !value.EndsWith(':') && !value.StartsWith("- ", StringComparison.Ordinal) && !Special().IsMatch(value)
            ? value
            : JsonSerializer.Serialize(value, YamlScalarJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class YamlScalarJson : System.Text.Json.Serialization.JsonSerializerContext;
