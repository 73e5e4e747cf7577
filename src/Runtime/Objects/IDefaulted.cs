namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Defaulting in plain C#: implement it on a Kind and the generated registration runs
/// <see cref="SetDefaults"/> on every create and update (after schema defaults, before
/// validation). Changes are written back to the stored object.
/// </summary>
public interface IDefaulted
{
    /// <summary>Fills in unset fields.</summary>
    void SetDefaults();
}
