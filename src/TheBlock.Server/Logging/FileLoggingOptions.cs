namespace TheBlock.Server.Logging;

/// <summary>How a role's log files rotate and what they record.</summary>
/// <param name="FileSizeLimitBytes">A file is rolled once it reaches this size (a line is never split).</param>
/// <param name="RetainedFiles">Files kept per log, the active one included; older ones are deleted.</param>
/// <param name="Verbose">Record Debug events too (Microsoft.* and System.* stay at Warning).</param>
/// <param name="Console">Also write every line to stdout, in the same format (foreground runs, journald).</param>
public sealed record FileLoggingOptions(
    long FileSizeLimitBytes = 50L * 1024 * 1024,
    int RetainedFiles = 10,
    bool Verbose = false,
    bool Console = false);
