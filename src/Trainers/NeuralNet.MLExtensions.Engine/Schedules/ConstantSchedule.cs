namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>lr(e) = base.</summary>
internal sealed class ConstantSchedule(float baseRate) : LearningRateSchedule(baseRate)
{
    public override float Rate(int epoch, TrainingState state) => BaseRate;
}
