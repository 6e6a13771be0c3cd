using System.Text.Json.Serialization;

namespace AttrHpo;

/// <summary>Source-generated JSON for trial attributes (no reflection, trimming-safe).</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class TrialAttributesJson : JsonSerializerContext;
