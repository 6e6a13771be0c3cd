using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace AttrHpo.Orleans.Tests;

/// <summary>
/// Grain state shared by every silo of an in-process test cluster, as a database is shared by real silos: a silo that stops
/// takes nothing with it (Orleans' memory grain storage keeps state in grains of the silos, so it would). State is kept as
/// bytes written by the silo's own serializer, so a grain never shares an object with the store.
/// </summary>
internal sealed class SharedGrainStates
{
    public ConcurrentDictionary<string, (byte[] State, long Version)> Entries { get; } = new(StringComparer.Ordinal);
}

internal sealed class SharedGrainStorage(SharedGrainStates states, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (states.Entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.State);
            grainState.ETag = entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var bytes = serializer.SerializeToArray(grainState.State);
        var written = states.Entries.AddOrUpdate(key, _ => (bytes, 1), (_, old) => (bytes, old.Version + 1));
        grainState.ETag = written.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        states.Entries.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
