using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>Hand-written JSON-RPC requests, for the malformed input a real client would never send.</summary>
public sealed class RawRpc : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _url;

    public RawRpc(string url) => _url = url;

    public async Task<(int Status, JsonElement? Body)> PostAsync(string body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return ((int)response.StatusCode, null);
        }

        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Posts any bytes, valid JSON or not, and returns the status and the body as text, unparsed.</summary>
    public async Task<(int Status, string Text)> PostBytesAsync(byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> CallAsync(string method, string paramsJson = "{}", string? token = null)
    {
        var (_, body) = await PostAsync($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{paramsJson}}}""", token);
        return body ?? throw new InvalidOperationException($"{method} returned no body");
    }

    public static (int Code, string Reason) Error(JsonElement response)
    {
        Assert.True(response.TryGetProperty("error", out var error), $"expected an error, got {response}");
        return (error.GetProperty("code").GetInt32(), error.GetProperty("data").GetProperty("reason").GetString()!);
    }

    public void Dispose() => _http.Dispose();
}
