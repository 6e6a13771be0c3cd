namespace AttrHpo;

/// <summary>
/// One version of a study as its storage keeps it (<see cref="IStudyStorage.GetStudiesAsync"/>). A study's first version is
/// the study as recorded before any change of its search space; <see cref="SpaceChange.NewVersion"/> adds the next one.
/// </summary>
/// <param name="Name">The study's name (<see cref="StudyOptions.Name"/>), the same for all its versions.</param>
/// <param name="Version">The version's number: 1, 2, ...</param>
/// <param name="StorageName">
/// The name the version's trials are kept under, which the storage's trial operations take (for example
/// <c>GetChangesAsync(StorageName, 0, ct)</c> reads them all): <see cref="Name"/> for version 1, <c>"Name (version N)"</c> after.
/// </param>
/// <param name="Identity">The version's objective, direction and search space (its <see cref="StudyIdentity.Name"/> is <see cref="StorageName"/>).</param>
public sealed record StoredStudy(string Name, int Version, string StorageName, StudyIdentity Identity)
{
    /// <summary>The search space the version's trials were sampled in, one line per parameter; <see langword="null"/> when not recorded (an older file).</summary>
    public string? Space => Identity.Space;

    /// <inheritdoc />
    public override string ToString() => $"{Name} v{Version}";
}
