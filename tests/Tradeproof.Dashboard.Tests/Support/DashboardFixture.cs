using Microsoft.Playwright;
using Tradeproof.Demo;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// One demo network for the dashboard tests (the nodes of <c>tradeproof demo</c> in this process, each on a loopback
/// port, seeded over HTTP by running the demo's steel and food scenarios), and one headless chromium driven by
/// Playwright. The pages under test are the CBP node's (<see cref="DashboardUrl"/>), as <c>tradeproof demo</c> prints.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The demo scenarios whose data the tests browse.</summary>
    public static readonly IReadOnlyList<string> Scenarios = ["steel", "food"];

    private DemoNetwork? _network;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running demo network.</summary>
    public DemoNetwork Network => _network ?? throw new InvalidOperationException("The network is not started.");

    /// <summary>The browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException(StartError ?? "The browser is not started.");

    /// <summary>The CBP node's base URL (no trailing slash).</summary>
    public string BaseUrl => Network.Node("cbp").BaseUrl;

    /// <summary>The dashboard's URL as the demo prints it.</summary>
    public string DashboardUrl => Network.DashboardUrl;

    /// <summary>The scenarios' outcomes (each must have passed: the data the pages show is what the demo expects).</summary>
    public IReadOnlyList<ScenarioOutcome> Outcomes { get; private set; } = [];

    /// <summary>Why the browser could not start (chromium missing), or null.</summary>
    public string? StartError { get; private set; }

    public async Task InitializeAsync()
    {
        _network = await DemoNetwork.StartAsync(new DemoOptions());
        Outcomes = await DemoRunner.RunAsync(_network, DemoRunner.Select([.. Scenarios]), _ => { });
        if (Chromium.MissingReason is { } reason)
        {
            StartError = reason;
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,

            // Chromium refuses its sandbox as root (CI containers run as root).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>
    /// A fresh browser context and page, signed in to the dashboard, recording console errors and failed requests
    /// (<see cref="BrowserTab.Errors"/>).
    /// </summary>
    public async Task<BrowserTab> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var result = new BrowserTab(context, page);
        await SignInAsync(result);
        return result;
    }

    /// <summary>Signs the page in as the CBP node's operator with a one-time link (<see cref="AdminSignIn"/>).</summary>
    private Task SignInAsync(BrowserTab page) => AdminSignIn.SignInAsync(this, page);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}

/// <summary>The dashboard tests share one network and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
