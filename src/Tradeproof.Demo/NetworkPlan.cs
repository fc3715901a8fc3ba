namespace Tradeproof.Demo;

internal sealed record PartyPlan(string TenantId, string Name, string Country, string Role);

internal sealed record NodePlan(string Name, string Description, IReadOnlyList<PartyPlan> Parties);

/// <summary>Who runs which node in the demo, and which organisations each node hosts.</summary>
internal static class NetworkPlan
{
    public static IReadOnlyList<NodePlan> Nodes { get; } =
    [
        new("mx-steel", "steel mill, Mexico", [
            new("aceros-monterrey", "Aceros Monterrey S.A. de C.V.", "MX", "steel mill"),
            new("monterrey-export", "Monterrey Steel Export S.A.", "MX", "exporter")]),
        new("ca-oil", "oil producer, Canada", [
            new("prairie-oil", "Prairie Oil Sands Ltd.", "CA", "oil producer"),
            new("prairie-pipeline", "Prairie Pipeline Ltd.", "CA", "pipeline operator")]),
        new("ca-gas", "gas producer, Canada", [
            new("alberta-gas", "Alberta Gas Producers Ltd.", "CA", "gas producer")]),
        new("mx-farm", "farm, Mexico", [
            new("rancho-verde", "Rancho Verde S.P.R.", "MX", "farm")]),
        new("marketplace", "online marketplace and its sellers", [
            new("everything-ecom", "Everything Ecom", "VN", "online marketplace"),
            new("phongh-garden", "Phongh Garden Goods", "VN", "marketplace seller"),
            new("someone-else", "Someone Else Ltd.", "VN", "marketplace seller without a brand licence")]),
        new("carrier", "carriers: rail, reefer, gas transmission", [
            new("kcsm-rail", "Kansas City Southern de Mexico", "MX", "rail carrier"),
            new("cold-chain", "Cold Chain Carriers S.A.", "MX", "reefer carrier"),
            new("great-plains-gas", "Great Plains Gas Transmission", "US", "gas pipeline"),
            new("phantom-logistics", "Phantom Logistics", "MX", "a carrier that never held the goods")]),
        new("broker", "customs broker and the importers it files for", [
            new("border-brokers", "Border Brokers LLC", "US", "customs broker"),
            new("great-lakes-steel", "Great Lakes Steel Imports LLC", "US", "steel importer"),
            new("fresh-border", "Fresh Border Imports LLC", "US", "food importer"),
            new("northern-crude", "Northern Crude Trading LLC", "US", "oil trader"),
            new("gulf-barrels", "Gulf Barrels Inc.", "US", "oil trader"),
            new("gulf-coast-refining", "Gulf Coast Refining Inc.", "US", "refinery"),
            new("midwest-gas", "Midwest Gas Utility", "US", "gas utility")]),
        new("brands", "GS1 and a brand owner", [
            new("gs1-global", "GS1 Global Office", "BE", "GS1"),
            new("gs1-us", "GS1 US", "US", "GS1 member organisation"),
            new("flamingo-brands", "Flamingo Brands Inc.", "US", "brand owner")]),
        new("cbp", "U.S. Customs and Border Protection", [
            new("cbp", "U.S. Customs and Border Protection", "US", "customs authority")]),
        new("fda", "U.S. Food and Drug Administration", [
            new("fda", "U.S. Food and Drug Administration", "US", "partner government agency")]),
        new("doe", "U.S. Department of Energy", [
            new("doe", "U.S. Department of Energy", "US", "partner government agency")]),
        new("mx-customs", "Agencia Nacional de Aduanas de Mexico", [
            new("anam", "Agencia Nacional de Aduanas de Mexico", "MX", "customs authority")]),
    ];
}
