using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Generator.Tests.Fixtures;

/// <summary>Widget is a test Kind served by an in-process server.</summary>
[Kind("test.apibuilder.io", "v1", ShortNames = ["wd"], Categories = ["test"])]
[StatusSubresource]
[PrinterColumn("Size", ".spec.size", Type = "integer", Description = "Size of the widget.")]
public partial class Widget : IDefaulted, IValidated<Widget>
{
    /// <summary>Desired state of the widget.</summary>
    public WidgetSpec Spec { get; set; } = new();

    /// <summary>Observed state of the widget.</summary>
    public WidgetStatus? Status { get; set; }

    /// <inheritdoc />
    public void SetDefaults()
    {
        Spec.Color ??= WidgetColor.Blue;
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate()
    {
        if (Spec.Size > 10 && Spec.Color == WidgetColor.Red)
        {
            yield return FieldError.Invalid("spec.size", Spec.Size, "red widgets are at most 10");
        }
    }
}

/// <summary>WidgetSpec is the desired state of a Widget.</summary>
public sealed class WidgetSpec
{
    /// <summary>Display name, at most ten characters.</summary>
    [MaxLength(10)]
    public string? Title { get; set; }

    /// <summary>How big the widget is.</summary>
    [Range(0, 100)]
    public int Size { get; set; }

    /// <summary>Paint colour; defaults to Blue.</summary>
    public WidgetColor? Color { get; set; }

    /// <summary>Labels of the parts.</summary>
    public Dictionary<string, string> Parts { get; set; } = [];

    /// <summary>Free-form settings.</summary>
    public JsonObject? Settings { get; set; }
}

/// <summary>Colours a widget may have.</summary>
public enum WidgetColor
{
    /// <summary>Blue.</summary>
    Blue,

    /// <summary>Red.</summary>
    Red,
}

/// <summary>WidgetStatus is the observed state of a Widget.</summary>
public sealed class WidgetStatus
{
    /// <summary>When the widget was last painted.</summary>
    public DateTimeOffset? PaintedAt { get; set; }

    /// <summary>Generation observed.</summary>
    public long ObservedGeneration { get; set; }
}
