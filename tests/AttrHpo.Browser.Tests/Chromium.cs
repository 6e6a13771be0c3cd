using Microsoft.Playwright;

namespace AttrHpo.Browser.Tests;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, or the path in ATTRHPO_CHROMIUM), started headless once for the browser tests
/// through Playwright with its path given: nothing is downloaded. A machine without it fails these tests, saying how to install it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("ATTRHPO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need chromium at {ExecutablePath}. Install Debian's (apt-get install chromium; .ci/run does) or set ATTRHPO_CHROMIUM to a chromium binary.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
