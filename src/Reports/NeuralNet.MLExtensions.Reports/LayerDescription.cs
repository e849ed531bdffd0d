namespace NeuralNet.MLExtensions.Reports;

/// <summary>One dense layer of the model.</summary>
/// <param name="Name">"Hidden 1", …, "Output".</param>
/// <param name="Inputs">Input width.</param>
/// <param name="Outputs">Output width.</param>
/// <param name="Activation">Activation after the layer ("softmax" for the output layer).</param>
/// <param name="Parameters">Weights plus biases.</param>
public sealed record LayerDescription(string Name, int Inputs, int Outputs, string Activation, long Parameters);
