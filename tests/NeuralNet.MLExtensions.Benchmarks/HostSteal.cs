namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// Time the hypervisor gave this virtual machine's CPUs to others ("steal", the eighth figure of /proc/stat's cpu line,
/// in ticks of 10 ms summed over the CPUs): on a shared host it comes in bursts that slow whichever pass they fall in,
/// so the benchmark reports it beside the figures of the passes it hit. Null where /proc/stat is not readable.
/// </summary>
internal static class HostSteal
{
    public const double MillisecondsPerTick = 10;

    public static long? Ticks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 8 && fields[0] == "cpu" && long.TryParse(fields[8], out long steal) ? steal : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
