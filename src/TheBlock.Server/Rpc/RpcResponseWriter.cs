using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Writes the response envelope straight to a pooled buffer: one object for a single call, an array for a batch.
/// Ids are echoed byte for byte; results go through their own source-generated metadata. A result may take at most
/// the per-call cap and a batch's results together at most the batch cap: serialization stops at the cap, the partial
/// entry is cut back and the caller answers <c>response_too_large</c> instead. Error entries are small and always fit.
/// </summary>
internal sealed class RpcResponseWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Responses are read by the CLI and jq, never embedded in HTML; keep quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonEncodedText JsonRpc = JsonEncodedText.Encode("jsonrpc");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("2.0");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ResultName = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");

    private readonly RpcResponseBuffer _buffer = new();
    private readonly Utf8JsonWriter _writer;
    private readonly bool _isBatch;
    private readonly int _maxEntryBytes;
    private readonly int _maxBatchBytes;

    /// <param name="maxEntryBytes">The per-call cap on one result entry.</param>
    /// <param name="maxBatchBytes">The cap on a batch's whole body (ignored for a single call).</param>
    public RpcResponseWriter(bool isBatch, int maxEntryBytes = int.MaxValue, int maxBatchBytes = int.MaxValue)
    {
        _isBatch = isBatch;
        _maxEntryBytes = maxEntryBytes;
        _maxBatchBytes = maxBatchBytes;
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public int EntryCount { get; private set; }

    /// <summary>A result was refused because the batch's cap was reached: the rest of the batch is not to be run.</summary>
    public bool BatchFull { get; private set; }

    /// <summary>
    /// Writes the call's result, or, if the result cannot be serialized or is over a cap, nothing, and returns the
    /// exception (<see cref="RpcResponseTooLargeException"/> for a cap).
    /// </summary>
    public Exception? TryWriteResult(in RpcCall call, RpcResult result)
    {
        int start = BeginEntry();
        LimitEntry(start);
        try
        {
            WriteHead(call);
            _writer.WritePropertyName(ResultName);
            if (result.Value is null)
            {
                _writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(_writer, result.Value, result.TypeInfo);
            }

            _writer.WriteEndObject();
            EndEntry();
            return null;
        }
        catch (Exception exception)
        {
            Rewind(start);
            BatchFull |= exception is RpcResponseTooLargeException { BatchLimitReached: true };
            return exception;
        }
        finally
        {
            _buffer.SetLimit(int.MaxValue, isBatchCap: false);
        }
    }

    /// <summary>Writes the call's error, falling back to a bare internal error if its details cannot be written.</summary>
    public void WriteError(in RpcCall call, RpcError error)
    {
        int start = BeginEntry();
        try
        {
            WriteErrorEntry(call, error);
        }
        catch (Exception) when (!ReferenceEquals(error, RpcProtocolErrors.InternalError))
        {
            Rewind(start);
            BeginEntry();
            WriteErrorEntry(call, RpcProtocolErrors.InternalError);
        }
    }

    /// <summary>The finished body. Empty when nothing is to be answered (only notifications).</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        if (_isBatch && EntryCount > 0)
        {
            _buffer.WriteByte((byte)']');
        }

        return _buffer.WrittenMemory;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }

    private int BeginEntry()
    {
        int start = _buffer.WrittenCount;
        if (_isBatch)
        {
            _buffer.WriteByte(EntryCount == 0 ? (byte)'[' : (byte)',');
        }

        _writer.Reset(_buffer);
        return start;
    }

    private void LimitEntry(int start)
    {
        long entryEnd = (long)start + _maxEntryBytes;

        // One byte stays free for the batch's closing ']'.
        long batchEnd = _isBatch ? (long)_maxBatchBytes - 1 : long.MaxValue;
        bool batchCapFirst = batchEnd <= entryEnd;
        _buffer.SetLimit((int)Math.Min(int.MaxValue, Math.Min(entryEnd, batchEnd)), batchCapFirst);
    }

    private void EndEntry()
    {
        _writer.Flush();
        EntryCount++;
    }

    private void Rewind(int start)
    {
        // Reset drops whatever the writer still held; Truncate drops what it had already flushed.
        _writer.Reset(_buffer);
        _buffer.Truncate(start);
    }

    private void WriteErrorEntry(in RpcCall call, RpcError error)
    {
        WriteHead(call);
        _writer.WriteStartObject(ErrorName);
        _writer.WriteNumber(CodeName, error.Code);
        _writer.WriteString(MessageName, error.Message);
        _writer.WriteStartObject(DataName);
        _writer.WriteString(ReasonName, error.Reason);
        if (error.Details is { } details)
        {
            foreach ((string key, object? value) in details)
            {
                _writer.WritePropertyName(key);
                JsonSerializer.Serialize(_writer, value, RpcJsonContext.Default.Object);
            }
        }

        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        EndEntry();
    }

    private void WriteHead(in RpcCall call)
    {
        _writer.WriteStartObject();
        _writer.WriteString(JsonRpc, Version);
        _writer.WritePropertyName(IdName);
        if (call.HasId)
        {
            // Echo the id's own bytes: a number like 1.50 or 12345678901234567890 comes back exactly as sent.
            _writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(call.Id), skipInputValidation: true);
        }
        else
        {
            _writer.WriteNullValue();
        }
    }
}
