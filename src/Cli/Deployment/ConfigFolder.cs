using System.Text;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Deployment;

/// <summary>
/// Writes the manifests into the output folder and says, one line a file, what changed. Other
/// files there (samples/, README.md) stay; a manifest this run no longer writes (04-etcd.yaml after
/// a switch to sqlite) is removed when it still starts with build config's header.
/// </summary>
internal static class ConfigFolder
{
    public static void Write(string folder, IReadOnlyList<PlannedFile> files, ICliConsole console, string workingDirectory)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Path);
            var bytes = Encoding.UTF8.GetBytes(file.Content);
            var verb = !File.Exists(path) ? "create" : File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes) ? "unchanged" : "update";
            if (verb != "unchanged")
            {
                File.WriteAllBytes(path, bytes);
            }

            if (file.Path == ConfigManifests.SecretFile && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            console.Line($"  {verb,-9} {Path.GetRelativePath(workingDirectory, path)}");
        }

        foreach (var stale in ConfigManifests.AllFiles.Except(files.Select(f => f.Path), StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, stale);
            if (File.Exists(path) && File.ReadLines(path).FirstOrDefault()?.StartsWith(ConfigManifests.Header, StringComparison.Ordinal) == true)
            {
                File.Delete(path);
                console.Line($"  {"remove",-9} {Path.GetRelativePath(workingDirectory, path)}");
            }
        }
    }
}
