using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace TheBlock.Cli.Output;

/// <summary>
/// <c>--output table</c>: the same JSON for a person. An object becomes a key/value table; each of its arrays of
/// objects (a list's <c>disbursements</c>, a block's <c>transactions</c>) becomes its own table with a column per key.
/// Nested values are shown as compact JSON. Values are plain text, never markup.
/// </summary>
internal static class TableOutput
{
    // Hashes and addresses must stay on one line when piped, so a non-terminal gets a wide page.
    private const int PipeWidth = 240;

    public static void Write(TextWriter stdout, JsonElement value)
    {
        var output = new AnsiConsoleOutput(stdout);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = output.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!output.IsTerminal)
        {
            console.Profile.Width = PipeWidth;
        }

        foreach (var renderable in Render(value))
        {
            console.Write(renderable);
        }
    }

    public static IReadOnlyList<IRenderable> Render(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => RenderObject(value),
        JsonValueKind.Array when IsArrayOfObjects(value) => [Rows(value, title: null)],
        JsonValueKind.Array => [Column(value)],
        _ => [new Text(Cell(value) + "\n")],
    };

    private static List<IRenderable> RenderObject(JsonElement value)
    {
        var fields = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        var lists = new List<IRenderable>();
        foreach (var property in value.EnumerateObject())
        {
            if (IsArrayOfObjects(property.Value))
            {
                lists.Add(Rows(property.Value, property.Name));
            }
            else
            {
                fields.AddRow(new Text(property.Name), new Text(Cell(property.Value)));
            }
        }

        return fields.Rows.Count > 0 ? [fields, .. lists] : lists;
    }

    private static Table Rows(JsonElement array, string? title)
    {
        var columns = new List<string>();
        foreach (var row in array.EnumerateArray())
        {
            foreach (var property in row.EnumerateObject())
            {
                if (!columns.Contains(property.Name))
                {
                    columns.Add(property.Name);
                }
            }
        }

        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        foreach (var row in array.EnumerateArray())
        {
            table.AddRow(columns.Select(column => (IRenderable)new Text(row.TryGetProperty(column, out var cell) ? Cell(cell) : string.Empty)));
        }

        return table;
    }

    private static Table Column(JsonElement array)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("value");
        foreach (var item in array.EnumerateArray())
        {
            table.AddRow(new Text(Cell(item)));
        }

        return table;
    }

    private static bool IsArrayOfObjects(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
        && value.GetArrayLength() > 0
        && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Object);

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Object or JsonValueKind.Array => JsonOutput.FormatCompact(value),
        _ => value.GetRawText(),
    };
}
