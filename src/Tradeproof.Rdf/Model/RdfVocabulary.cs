namespace Tradeproof.Rdf;

/// <summary>IRIs of the RDF and XSD vocabularies that the RDF, JSON-LD and credential code needs.</summary>
public static class RdfVocabulary
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    public const string RdfType = Rdf + "type";
    public const string RdfFirst = Rdf + "first";
    public const string RdfRest = Rdf + "rest";
    public const string RdfNil = Rdf + "nil";
    public const string RdfValue = Rdf + "value";
    public const string RdfDirection = Rdf + "direction";
    public const string RdfLanguage = Rdf + "language";
    public const string RdfLangString = Rdf + "langString";
    public const string RdfDirLangString = Rdf + "dirLangString";
    public const string RdfJson = Rdf + "JSON";

    public const string XsdString = Xsd + "string";
    public const string XsdBoolean = Xsd + "boolean";
    public const string XsdInteger = Xsd + "integer";
    public const string XsdDouble = Xsd + "double";
    public const string XsdDateTime = Xsd + "dateTime";
}
