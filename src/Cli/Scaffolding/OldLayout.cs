using System.Text.RegularExpressions;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Projects made before the split of a Kind into <c>&lt;Kind&gt;.apibuilder.cs</c> (apiserver-boot's
/// declarations) and <c>&lt;Kind&gt;.cs</c> (the user's code) kept everything in <c>&lt;Kind&gt;.cs</c>.
/// Unedited, such files are simply refreshed into the new layout; an edited one is kept, and if it
/// still declares what the new generated part declares, the build would fail: this says how to fix it.
/// </summary>
internal static partial class OldLayout
{
    public static void Check(string root, IReadOnlyList<(PlannedFile File, FileChange Change)> plan)
    {
        var generated = string.Join("\n", plan.Where(p => p.File.Owner == FileOwner.Tool).Select(p => p.File.Content));
        foreach (var (file, _) in plan.Where(p => p.Change == FileChange.KeepYours))
        {
            var text = File.ReadAllText(FileWriter.Full(root, file.Path));
            var declaresKind = KindAttribute().IsMatch(text) && KindAttribute().IsMatch(generated);
            var whole = WholeClass().Matches(text).Select(m => m.Groups["name"].Value)
                .FirstOrDefault(name => generated.Contains("partial class " + name + "\n", StringComparison.Ordinal));
            if (!declaresKind && whole is null)
            {
                continue;
            }

            var declared = whole ?? Path.GetFileNameWithoutExtension(file.Path);
            var generatedPart = plan.Where(p => p.File.Owner == FileOwner.Tool && p.File.Content.Contains("partial class " + declared + "\n", StringComparison.Ordinal))
                .Select(p => p.File.Path).FirstOrDefault() ?? "a .apibuilder.cs file";
            throw new UserError(
                $"{file.Path} is in the layout of an earlier apiserver-boot and you edited it: " + (declaresKind
                    ? $"it declares the Kind's attributes and Spec and Status, which apiserver-boot now writes to {generatedPart}"
                    : $"it declares class {whole} without 'partial', and apiserver-boot now adds to that class in {generatedPart}"),
                declaresKind
                    ? "Remove the [Kind], [StorageVersion], [StatusSubresource] and [ScaleSubresource] attributes and the Spec and Status properties from it (keep your code and [PrinterColumn]s), then run the command again; nothing was written"
                    : $"Declare it 'partial class {whole}' and remove its Replicas property, then run the command again; nothing was written");
        }
    }

    [GeneratedRegex(@"^\s*\[Kind\(", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex KindAttribute();

    // A class declared without 'partial' (modifiers before 'class' are public, sealed, internal, ...).
    [GeneratedRegex(@"^\s*(?:(?:public|internal|sealed)\s+)*class\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex WholeClass();
}
