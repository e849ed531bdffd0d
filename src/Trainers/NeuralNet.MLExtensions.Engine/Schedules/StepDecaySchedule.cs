namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>lr(e) = base·factor^⌊e/every⌋.</summary>
internal sealed class StepDecaySchedule(float baseRate, int every, float factor) : LearningRateSchedule(baseRate)
{
    public override float Rate(int epoch, TrainingState state) => (float)(BaseRate * Math.Pow(factor, epoch / every));
}
