namespace TheBlock.Server.Logging;

/// <summary>How a role's log files rotate and what they record.</summary>
/// <param name="FileSizeLimitBytes">A file is rolled before a line would take it past this size (a line is never
/// split): <c>node.log</c> becomes <c>node.1.log</c> and a fresh <c>node.log</c> is started.</param>
/// <param name="RetainedFiles">Files kept per log, the live one included (<c>node.log</c> … <c>node.{N-1}.log</c>);
/// older ones are deleted.</param>
/// <param name="Verbose">Record Debug events too (Microsoft.* and System.* stay at Warning).</param>
/// <param name="Console">Also write every line to stdout, in the same format (foreground runs, journald).</param>
public sealed record FileLoggingOptions(
    long FileSizeLimitBytes = 50L * 1024 * 1024,
    int RetainedFiles = 10,
    bool Verbose = false,
    bool Console = false);
