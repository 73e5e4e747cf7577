namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// Reads one label of an object: true and its value when present. Matching goes through this
/// instead of a dictionary so labels can be read straight from an object's JSON without copying
/// them for every object of a list.
/// </summary>
internal delegate bool LabelLookup(string key, out string? value);
