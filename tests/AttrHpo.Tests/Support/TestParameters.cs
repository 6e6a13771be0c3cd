namespace AttrHpo.Tests.Support;

/// <summary>The typed parameters of <see cref="TestObjective"/>, as the generator would emit them.</summary>
public sealed record TestParameters(double LearningRate, double Dropout, long Layers, string Optimizer);
