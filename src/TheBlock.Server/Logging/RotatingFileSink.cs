using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace TheBlock.Server.Logging;

/// <summary>
/// Appends formatted lines to one file with logrotate semantics: the live file always has the stable
/// name (<c>node.log</c>), so <c>grep … node.log</c> and <c>tail -f node.log</c> read the current events.
/// When the next line would take the live file past the size limit, it becomes <c>node.1.log</c>
/// (<c>node.1.log</c> becomes <c>node.2.log</c>, …; at most <c>retainedFiles</c> files are kept, the live
/// one included) and a fresh <c>node.log</c> is started.
/// </summary>
/// <remarks>
/// Lines are buffered and written out at least every <c>flushInterval</c> (then synced to disk), on
/// Dispose, and at once for Error events, so the error that preceded a crash is in the file.
/// Each tick also reopens the file by name when it is no longer the one held open (deleted, moved,
/// replaced or truncated by an external logrotate). The sink never throws into the logging call: an
/// I/O failure is reported once on the error output, the events are dropped until the file can be
/// written again, and the application keeps running.
/// </remarks>
internal sealed class RotatingFileSink : ILogEventSink, IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly string _path;
    private readonly string _directory;
    private readonly string _stem;
    private readonly string _extension;
    private readonly ITextFormatter _formatter;
    private readonly long _fileSizeLimitBytes;
    private readonly int _retainedFiles;
    private readonly TextWriter _errorOutput;
    private readonly Lock _gate = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly TimeProvider _time;
    private readonly ITimer _timer;

    private SafeFileHandle? _file;
    private long _written;      // bytes in the file: where the next write goes
    private int _buffered;      // bytes in _buffer, not yet in the file
    private bool _unsynced;     // written to the file since the last sync to disk
    private long _rotateAt;     // roll before the file would pass this size: the limit, or later after a failed rotation
    private bool _failing;      // a write failure was reported; cleared by the next successful write
    private bool _rotationFailing; // a rotation failure was reported; cleared by the next successful rotation
    private bool _formatFailureReported;
    private bool _disposed;

    public RotatingFileSink(
        string path, ITextFormatter formatter, long fileSizeLimitBytes, int retainedFiles, TimeSpan flushInterval, TextWriter errorOutput, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(errorOutput);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(fileSizeLimitBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedFiles, 1);

        _path = Path.GetFullPath(path);
        _directory = Path.GetDirectoryName(_path) ?? throw new ArgumentException($"log file \"{path}\" has no directory", nameof(path));
        var fileName = Path.GetFileName(_path);
        _extension = Path.GetExtension(fileName);
        _stem = fileName[..^_extension.Length];
        _formatter = formatter;
        _fileSizeLimitBytes = fileSizeLimitBytes;
        _retainedFiles = retainedFiles;
        _errorOutput = errorOutput;
        _time = time;
        // The file is opened by the first event, as it will be reopened after a failure.
        _timer = time.CreateTimer(static state => ((RotatingFileSink)state!).Tick(), this, flushInterval, flushInterval);
    }

    /// <summary>The name the <paramref name="index"/>-th older file gets: <c>node.log</c> → <c>node.2.log</c>.</summary>
    internal static string RotatedFileName(string fileName, int index)
    {
        var extension = Path.GetExtension(fileName);
        return string.Create(CultureInfo.InvariantCulture, $"{fileName[..^extension.Length]}.{index}{extension}");
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        byte[] line;
        try
        {
            // Format outside the lock; the line is then written whole, never interleaved with another.
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            _formatter.Format(logEvent, text);
            line = Encoding.UTF8.GetBytes(text.ToString());
        }
        catch (Exception e)
        {
            // A value whose ToString throws is a bug to fix, not an outage: say so once, keep logging.
            lock (_gate)
            {
                if (!_formatFailureReported)
                {
                    _formatFailureReported = true;
                    WriteError($"cannot format an event for {_path}, dropping it: {e.GetType().FullName}: {e.Message}");
                }
            }
            return;
        }

        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                _file ??= Open();
                var size = _written + _buffered;
                if (size > 0 && size + line.Length > _rotateAt)
                {
                    Rotate();
                }
                Append(line);
                if (logEvent.Level >= LogEventLevel.Error)
                {
                    WriteBuffer();
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }
    }

    /// <summary>
    /// What the timer does every flush interval: writes the buffer out, syncs the file to disk, and
    /// reopens the file by name if it is no longer the one at the path. Internal so tests need not wait.
    /// </summary>
    internal void Tick()
    {
        // A timer callback must not throw: that would take the process down.
        lock (_gate)
        {
            if (_disposed || _file is null) return;
            try
            {
                WriteBuffer();
                if (_unsynced)
                {
                    RandomAccess.FlushToDisk(_file);
                    _unsynced = false;
                }
                if (!IsStillAtPath(_file))
                {
                    _file.Dispose();
                    _file = null;
                    _file = Open();
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_file is not null)
            {
                try
                {
                    WriteBuffer();
                    if (_unsynced) RandomAccess.FlushToDisk(_file);
                }
                catch (Exception e)
                {
                    Report(e);
                }
                _file.Dispose();
                _file = null;
            }
        }
        // A tick that is already running takes the lock after us, sees _disposed and returns.
        _timer.Dispose();
    }

    private SafeFileHandle Open()
    {
        // An operator may have removed the whole directory; logging must come back on its own.
        Directory.CreateDirectory(_directory);
        // Delete and ReadWrite sharing: readers (grep, tail) and an external logrotate must never be blocked.
        var file = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            _written = RandomAccess.GetLength(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        _rotateAt = _fileSizeLimitBytes;
        _unsynced = false;
        return file;
    }

    /// <summary>
    /// Whether the file at the path is still the one we write (caller has written the buffer out).
    /// .NET exposes no inode, so compare what stat(path) and fstat(handle) say: a file deleted, moved away
    /// or replaced by a new one shows up as missing, or with another size or modification time; a file
    /// truncated in place (copytruncate) or appended to by someone else, as a size we did not write.
    /// </summary>
    private bool IsStillAtPath(SafeFileHandle file)
    {
        var atPath = new FileInfo(_path);
        return atPath.Exists
            && atPath.Length == _written
            && atPath.LastWriteTimeUtc == File.GetLastWriteTimeUtc(file);
    }

    /// <summary><c>node.log</c> → <c>node.1.log</c> → … → <c>node.{retained-1}.log</c> → deleted, then a fresh <c>node.log</c>.</summary>
    private void Rotate()
    {
        // Failing to write or close the live file is a write failure (the caller drops the event) ...
        var file = _file ?? throw new InvalidOperationException("the log file is not open");
        WriteBuffer();
        if (_unsynced) RandomAccess.FlushToDisk(file);
        file.Dispose();
        _file = null;
        try
        {
            RenameFiles();
            _rotationFailing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // ... but failing to rename must not cost events: write on to the live file past the limit
            // and try again once it has grown by another limit.
            _file = Open();
            _rotateAt = _written + _fileSizeLimitBytes;
            if (!_rotationFailing)
            {
                _rotationFailing = true;
                WriteError($"cannot rotate {_path}, writing on past its size limit: {e.GetType().FullName}: {e.Message}");
            }
            return;
        }
        _file = Open();
    }

    private void RenameFiles()
    {
        // Newest first, so each rename goes to a name that is already free.
        // Files beyond the retention (also those left by a larger retention before a restart) are deleted.
        foreach (var index in RotatedIndices().OrderDescending())
        {
            if (index + 1 >= _retainedFiles)
            {
                File.Delete(RotatedPath(index));
            }
            else
            {
                File.Move(RotatedPath(index), RotatedPath(index + 1), overwrite: true);
            }
        }
        if (File.Exists(_path))
        {
            if (_retainedFiles > 1)
            {
                File.Move(_path, RotatedPath(1), overwrite: true);
            }
            else
            {
                File.Delete(_path);
            }
        }
    }

    /// <summary>The N of every <c>node.N.log</c> in the directory (N ≥ 1, written canonically).</summary>
    private List<int> RotatedIndices()
    {
        var indices = new List<int>();
        foreach (var candidate in Directory.EnumerateFiles(_directory, _stem + ".*" + _extension))
        {
            var name = Path.GetFileName(candidate);
            if (name.Length <= _stem.Length + 1 + _extension.Length
                || !name.StartsWith(_stem + ".", StringComparison.Ordinal)
                || !name.EndsWith(_extension, StringComparison.Ordinal))
            {
                continue;
            }
            var middle = name[(_stem.Length + 1)..^_extension.Length];
            if (int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index >= 1
                && middle == index.ToString(CultureInfo.InvariantCulture))
            {
                indices.Add(index);
            }
        }
        return indices;
    }

    private string RotatedPath(int index) => Path.Combine(_directory, RotatedFileName(Path.GetFileName(_path), index));

    private void Append(byte[] line)
    {
        if (line.Length > _buffer.Length - _buffered)
        {
            WriteBuffer();
        }
        if (line.Length > _buffer.Length)
        {
            WriteToFile(line);
            return;
        }
        line.CopyTo(_buffer, _buffered);
        _buffered += line.Length;
    }

    private void WriteBuffer()
    {
        if (_buffered == 0) return;
        var count = _buffered;
        // Whatever happens, these bytes are not written twice.
        _buffered = 0;
        WriteToFile(_buffer.AsSpan(0, count));
    }

    private void WriteToFile(ReadOnlySpan<byte> bytes)
    {
        var file = _file ?? throw new InvalidOperationException("the log file is not open");
        RandomAccess.Write(file, bytes, _written);
        _written += bytes.Length;
        _unsynced = true;
        if (_failing)
        {
            _failing = false;
            WriteError($"writing {_path} again");
        }
    }

    /// <summary>Drops the buffered events and the file handle; the next event reopens the file.</summary>
    private void Fail(Exception e)
    {
        Report(e);
        _buffered = 0;
        _file?.Dispose();
        _file = null;
    }

    // Once per outage, not once per event: a full disk must not turn stderr into a second log.
    private void Report(Exception e)
    {
        if (_failing) return;
        _failing = true;
        WriteError($"cannot write {_path}, dropping events until it can be written: {e.GetType().FullName}: {e.Message}");
    }

    private void WriteError(string message)
    {
        try
        {
            _errorOutput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'} log sink: {message}"));
            _errorOutput.Flush();
        }
        catch (Exception)
        {
            // Nowhere left to report to.
        }
    }
}
