namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The report page's CSS.</summary>
internal static class HtmlStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2330; background: #f5f6f8; margin: 0; }
        main { max-width: 1320px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { margin: 0 0 4px; font-size: 28px; }
        h2 { font-size: 20px; border-bottom: 2px solid #d7dbe2; padding-bottom: 4px; margin-top: 0; }
        .lead { color: #545b66; margin-top: 0; }
        section { background: #fff; border-radius: 8px; padding: 16px 20px; margin: 18px 0; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
        .card { background: #fff; border-radius: 8px; padding: 12px 18px; min-width: 150px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
        .card .value { font-size: 26px; font-weight: 600; color: #1f5fa8; }
        .card .name { font-size: 13px; color: #545b66; }
        table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #e3e6eb; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #eef1f5; }
        td.low { background: #fde8e6; }
        tr.chosen td { background: #e6f0fb; font-weight: 600; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 12px; }
        figure { margin: 8px 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #e3e6eb; border-radius: 4px; }
        figcaption { font-size: 13px; color: #545b66; margin-top: 4px; }
        pre { background: #f0f2f5; padding: 10px; border-radius: 6px; font-size: 12px; overflow-x: auto; }
        details summary { cursor: pointer; color: #1f5fa8; margin: 6px 0; }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        .options { columns: 4 240px; font-size: 13px; }
        .options div { padding: 2px 0; border-bottom: 1px solid #eef0f3; break-inside: avoid; }
        .options span { color: #545b66; }
        .columns { display: flex; flex-wrap: wrap; gap: 32px; }
        """;
}
