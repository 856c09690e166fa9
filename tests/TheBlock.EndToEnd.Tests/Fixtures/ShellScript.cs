namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>Small /bin/sh scripts the tests put on a PATH: wrappers for the built executables, stand-ins for system tools.</summary>
public static class ShellScript
{
    public static void Write(string path, string body)
    {
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
