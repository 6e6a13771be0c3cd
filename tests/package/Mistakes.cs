// Deliberate mistakes: tests/package/run.sh builds this in a fresh project that references the packed AttrHpo
// and checks that dotnet build reports exactly the ids in expected-diagnostics.txt.
using System.Threading.Tasks;
using AttrHpo;

public enum Kind { A, B }

public static partial class Mistakes
{
    [Objective]
    public static double InvertedRange([Hyperparameter(1.0, 0.0)] double x) => x;                      // AHPO001

    [Objective]
    public static double LogFromZero([Hyperparameter(0.0, 1.0, Log = true)] double x) => x;            // AHPO002

    [Objective]
    public static double StepMissesTop([Hyperparameter(16, 130, Step = 16)] int units) => units;       // AHPO004 (warning)

    [Objective]
    public static double FractionalInt([Hyperparameter(0.5, 2.5)] int depth) => depth;                // AHPO005

    [Objective]
    public static double DuplicateChoice([Hyperparameter("adam", "sgd", "adam")] string opt) => 0;     // AHPO011

    [Objective]
    public static double BareOnDouble([Hyperparameter] double rate) => rate;                          // AHPO013

    [Objective]
    public static double Unsupplied([Hyperparameter(0.0, 1.0)] double x, double y) => x + y;          // AHPO020

    [Objective]
    public static Task<string> WrongReturn([Hyperparameter(0.0, 1.0)] double x) => Task.FromResult(""); // AHPO030

    [Objective]
    public static double BadBudget([Hyperparameter(0.0, 1.0)] double x, [Budget(0, 10)] int epochs) => x; // AHPO041

    [Objective]
    public static double OffStepDefault([Hyperparameter(0, 10, Step = 5)] int x = 3) => x;            // AHPO050 (warning)

    public static double NotAnObjective([Hyperparameter(0.0, 1.0)] double x) => x;                    // AHPO024 (warning)
}

public static class NotPartial
{
    [Objective]
    public static double Lost([Hyperparameter(0.0, 1.0)] double x) => x;                             // AHPO034 (from the generator)
}
