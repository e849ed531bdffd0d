using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>Clipping by global norm: when ‖g‖₂ exceeds the limit, every gradient is scaled by limit/‖g‖₂.</summary>
internal static class GradientClipping
{
    /// <summary>gradients: [P] with global norm <paramref name="norm"/>, scaled in place; a limit of 0 does nothing.</summary>
    public static void Apply(Span<float> gradients, double norm, float limit)
    {
        if (limit == 0f || !(norm > limit)) return;
        TensorPrimitives.Multiply(gradients, (float)(limit / norm), gradients);
    }
}
