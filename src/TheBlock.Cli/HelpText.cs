namespace TheBlock.Cli;

/// <summary>Every command's help ends with an example the operator can paste.</summary>
internal static class HelpText
{
    public static string WithExample(string description, string example) =>
        $"{description}\n\nExample:\n  {example}";
}
