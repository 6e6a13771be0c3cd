namespace AttrHpo;

/// <summary>The studies that workers serve, kept in grain state so that the list survives its silo.</summary>
internal sealed class StudyDirectoryGrain(
    [PersistentState("directory", AttrHpoSiloOptions.GrainStorageName)] IPersistentState<DirectoryState> state) : Grain, IStudyDirectoryGrain
{
    public async Task AddAsync(string study, string objectiveId)
    {
        if (state.State.Active.TryGetValue(study, out var known) && known == objectiveId)
        {
            return;
        }

        state.State.Active[study] = objectiveId;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string study)
    {
        if (state.State.Active.Remove(study))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<Dictionary<string, string>> GetActiveAsync() => Task.FromResult(new Dictionary<string, string>(state.State.Active, StringComparer.Ordinal));
}
