namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>lr(e) = base·rate^e.</summary>
internal sealed class ExponentialDecaySchedule(float baseRate, float rate) : LearningRateSchedule(baseRate)
{
    public override float Rate(int epoch, TrainingState state) => (float)(BaseRate * Math.Pow(rate, epoch));
}
