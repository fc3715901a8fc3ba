using Microsoft.Playwright;

namespace Tradeproof.Dashboard.Tests;

/// <summary>A browser page of a test, with what went wrong in it: console errors, page errors and failed responses.</summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    internal BrowserTab(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (_errors)
                {
                    _errors.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("page error: " + error);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (_errors)
                {
                    _errors.Add($"HTTP {response.Status}: {response.Url}");
                }
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and warnings (CSP violations among them), script errors and responses of 400 and above.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Opens <paramref name="url"/> and expects 200.</summary>
    public async Task GoAsync(string url)
    {
        var response = await Page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"GET {url}: {response.Status}");
    }

    /// <summary>
    /// Writes a full-page screenshot to <c>docs/screenshots/NAME.png</c> when <c>TRADEPROOF_SCREENSHOTS=1</c> (the
    /// committed screenshots are made that way: <c>TRADEPROOF_SCREENSHOTS=1 dotnet test tests/Tradeproof.Dashboard.Tests</c>).
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("TRADEPROOF_SCREENSHOTS") != "1")
        {
            return;
        }

        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tradeproof.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Tradeproof.slnx not found above " + AppContext.BaseDirectory);
    }
}
