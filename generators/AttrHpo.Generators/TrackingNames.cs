namespace AttrHpo.Generators;

/// <summary>Names of the generator's pipeline steps, so that tests can check that each is cached.</summary>
internal static class TrackingNames
{
    public const string Parsed = "AttrHpo.Parsed";
    public const string Valid = "AttrHpo.Valid";
    public const string Diagnostics = "AttrHpo.Diagnostics";
}
