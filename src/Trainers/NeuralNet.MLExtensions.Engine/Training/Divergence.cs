using System.Globalization;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// When training has diverged: at once when a mini-batch's loss or gradient is not finite, and after an epoch whose
/// mean training loss stays finite but has exploded, above <see cref="Factor"/> × (1 + the untrained network's loss,
/// <see cref="TrainingState.InitialLoss"/>). A normal run's loss falls from its start, and one that merely bounces
/// at a high learning rate stays within a few times it; an exploding one (Adam at learning rate 10⁶) is 10⁶–10¹⁹ times
/// above it. Scaling by the start keeps deep networks drawn with large weights, whose first loss is itself large, clear.
/// </summary>
internal static class Divergence
{
    public const double Factor = 1e3;

    public static bool HasExploded(double epochLoss, double initialLoss) => epochLoss > Factor * (1 + initialLoss);

    public static ArithmeticException NotFinite(int epoch, int batch, double loss, float learningRate) => new(
        $"Training diverged in epoch {epoch} (mini-batch {batch}): the training loss or gradient is {(double.IsFinite(loss) ? "not finite" : loss.ToString(CultureInfo.InvariantCulture))}. " +
        Advice(learningRate));

    public static ArithmeticException Exploded(int epoch, double loss, double initialLoss, float learningRate) => new(
        string.Create(CultureInfo.InvariantCulture, $"Training diverged in epoch {epoch}: the training loss is {loss:G3}, more than {Factor:G} times the untrained network's {initialLoss:G3} (plus 1). ") +
        Advice(learningRate));

    private static string Advice(float learningRate) =>
        $"Lower LearningRate (now {learningRate.ToString(CultureInfo.InvariantCulture)}), set GradientClippingNorm (e.g. 1) to clip gradients, or use a smaller BatchSize.";
}
