using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>One whole update the way training makes it: <c>BeginStep</c>, then <c>StepRange</c> over all parameters.</summary>
internal static class OptimizerSteps
{
    public static void Step(this Optimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradients, int weightCount)
    {
        optimizer.BeginStep();
        optimizer.StepRange(parameters, gradients, 0, parameters.Length, weightCount);
    }
}
