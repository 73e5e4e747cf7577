using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>
/// The Frigate (ships/v1alpha1, status subresource) of project Fleet as apiserver-boot wrote it
/// before the split into Frigate.apibuilder.cs and Frigate.cs: everything in Frigate.cs, and
/// FrigateSpec and FrigateStatus not partial.
/// </summary>
internal static class EarlierLayout
{
    private const string Folder = "src/Fleet/Apis/Ships/V1Alpha1/";

    private const string Kind = """
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Resources;

        namespace Fleet.Apis.Ships.V1Alpha1;

        /// <summary>Frigate is a namespaced resource of ships.example.com. Describe it here: kubectl explain shows this text.</summary>
        [Kind("ships.example.com", "v1alpha1")]
        [StatusSubresource]
        [PrinterColumn("Phase", ".status.phase", Description = "Observed phase.")]
        public partial class Frigate : IDefaulted, IValidated<Frigate>
        {
            /// <summary>The desired state of the Frigate.</summary>
            public FrigateSpec Spec { get; set; } = new();

            /// <summary>The observed state of the Frigate.</summary>
            public FrigateStatus? Status { get; set; }

            /// <summary>Fills in unset fields; runs on every create and update, before validation.</summary>
            public void SetDefaults()
            {
            }

            /// <summary>Checks rules the schema cannot express; each error is one cause of a 422 Invalid answer.</summary>
            /// <returns>The problems found, none when the Frigate is valid.</returns>
            public IEnumerable<FieldError> Validate()
            {
                yield break;
            }
        }

        """;

    private const string Spec = """
        using System.ComponentModel.DataAnnotations;

        namespace Fleet.Apis.Ships.V1Alpha1;

        /// <summary>FrigateSpec is the desired state of a Frigate.</summary>
        public sealed class FrigateSpec
        {
            /// <summary>What this Frigate is for. An example field: replace it with the fields your API needs.</summary>
            [MaxLength(256)]
            public string? Description { get; set; }
        }

        """;

    /// <summary>
    /// Writes the earlier files and records them as generated; <paramref name="edited"/> adds the
    /// user's validation to Frigate.cs, <paramref name="editedSpec"/> a field to FrigateSpec.cs.
    /// </summary>
    public static void Write(string root, bool edited, bool editedSpec = false)
    {
        File.Delete(Path.Combine(root, Folder + "Frigate.apibuilder.cs"));
        var manifest = GeneratedManifest.Load(root).Without(Folder + "Frigate.apibuilder.cs");
        foreach (var (name, text) in new[] { ("Frigate.cs", Kind), ("FrigateSpec.cs", Spec) })
        {
            File.WriteAllText(Path.Combine(root, Folder + name), text);
            manifest = manifest.With([KeyValuePair.Create(Folder + name, GeneratedManifest.Hash(text))]);
        }

        if (edited)
        {
            File.WriteAllText(Path.Combine(root, Folder + "Frigate.cs"), Kind.Replace("yield break;", "yield break; // mine", StringComparison.Ordinal));
        }

        if (editedSpec)
        {
            File.WriteAllText(Path.Combine(root, Folder + "FrigateSpec.cs"), Spec.Replace("    public string? Description { get; set; }\n", "    public string? Description { get; set; }\n\n    public string? Captain { get; set; }\n", StringComparison.Ordinal));
        }

        File.WriteAllText(Path.Combine(root, GeneratedManifest.RelativePath), manifest.ToJson());
    }
}
