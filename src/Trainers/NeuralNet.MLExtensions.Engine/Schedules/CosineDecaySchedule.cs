namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>
/// Linear warm-up: lr(e) = base·(e+1)/(W+1) for e &lt; W; then a half cosine from base (epoch W) to the minimum
/// (the last epoch, <c>totalEpochs</c> − 1).
/// </summary>
internal sealed class CosineDecaySchedule(float baseRate, float minimum, int warmup, int totalEpochs) : LearningRateSchedule(baseRate)
{
    public override float Rate(int epoch, TrainingState state)
    {
        if (epoch < warmup) return BaseRate * (epoch + 1) / (warmup + 1);
        return Cosine(BaseRate, minimum, (double)(epoch - warmup) / Math.Max(1, totalEpochs - 1 - warmup));
    }
}
