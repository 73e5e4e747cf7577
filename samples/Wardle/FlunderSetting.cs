using System.ComponentModel.DataAnnotations;

namespace Wardle;

// One named setting of a Flunder. No XML summary on purpose: the list's own description documents the items.
public sealed class FlunderSetting
{
    /// <summary>Name of the setting, unique within the Flunder.</summary>
    [Required]
    [MaxLength(63)]
    public string Name { get; set; } = "";

    /// <summary>Value of the setting.</summary>
    public string? Value { get; set; }
}
