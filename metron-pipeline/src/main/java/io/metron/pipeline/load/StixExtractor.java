package io.metron.pipeline.load;

import io.metron.pipeline.enrich.LookupKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Metron's STIX 1.x extractor: reads the CybOX observables of a STIX document (one document per
 * file) and makes a row per indicator value, with Metron's types:
 *
 * <ul>
 *   <li>{@code AddressObjectType}: {@code address:IPV_4_ADDR}, {@code address:IPV_6_ADDR}, {@code
 *       address:E_MAIL}, {@code address:MAC} (settings {@code stix_address_categories}, a
 *       comma-separated list of those categories, and {@code stix_address_type}, replacing {@code
 *       address});
 *   <li>{@code DomainNameObjectType}: {@code domain:FQDN} (setting {@code stix_domain_categories});
 *   <li>{@code HostnameObjectType}: {@code hostname};
 *   <li>{@code URIObjectType}: {@code uriobjecttype}.
 * </ul>
 *
 * A value listing several indicators joined by {@code ##comma##} gives a row for each. The row's
 * value is {@code source-type: STIX}, {@code indicator-type} and {@code source} (the object's XML).
 * DTDs and external entities are refused. Thread-safe.
 */
public final class StixExtractor implements Extractor {
  private static final String DELIMITER = "##comma##";
  private static final Map<String, String> ADDRESS_CATEGORIES =
      Map.of(
          "ipv4-addr", "IPV_4_ADDR",
          "ipv6-addr", "IPV_6_ADDR",
          "e-mail", "E_MAIL",
          "mac", "MAC");

  private final Set<String> addressCategories;
  private final String addressType;
  private final Set<String> domainCategories;

  private StixExtractor(Set<String> addressCategories, String addressType, Set<String> domains) {
    this.addressCategories = addressCategories;
    this.addressType = addressType;
    this.domainCategories = domains;
  }

  public static StixExtractor create(Map<String, Object> config) throws LoadException {
    Set<String> categories = new TreeSet<>(ADDRESS_CATEGORIES.values());
    Object only = config.get("stix_address_categories");
    if (only != null) {
      categories = new TreeSet<>();
      for (String c : only.toString().split(",")) {
        String name = c.trim().toUpperCase(Locale.ROOT);
        if (!ADDRESS_CATEGORIES.containsValue(name)) {
          throw new LoadException(
              "config.stix_address_categories: unknown category '"
                  + c.trim()
                  + "'; known: "
                  + new TreeSet<>(ADDRESS_CATEGORIES.values()));
        }
        categories.add(name);
      }
    }
    Object type = config.get("stix_address_type");
    Set<String> domains = null;
    Object domainSpec = config.get("stix_domain_categories");
    if (domainSpec != null) {
      domains = new TreeSet<>();
      for (String c : domainSpec.toString().split(",")) {
        domains.add(c.trim().toUpperCase(Locale.ROOT));
      }
    }
    return new StixExtractor(
        Set.copyOf(categories), type == null ? "address" : type.toString(), domains);
  }

  @Override
  public List<TableRow> extract(String input) throws BadRowException {
    if (input.isBlank()) {
      return List.of();
    }
    Document document = parse(input);
    List<TableRow> rows = new ArrayList<>();
    NodeList all = document.getElementsByTagNameNS("*", "Properties");
    for (int i = 0; i < all.getLength(); i++) {
      Element properties = (Element) all.item(i);
      String xsiType =
          properties.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type");
      String kind = xsiType.substring(xsiType.indexOf(':') + 1);
      switch (kind) {
        case "AddressObjectType" -> {
          String category =
              ADDRESS_CATEGORIES.get(properties.getAttribute("category").toLowerCase(Locale.ROOT));
          if (category != null && addressCategories.contains(category)) {
            add(rows, addressType + ":" + category, text(properties, "Address_Value"), properties);
          }
        }
        case "DomainNameObjectType" -> {
          String domainType = properties.getAttribute("type");
          domainType = domainType.isEmpty() ? "FQDN" : domainType.toUpperCase(Locale.ROOT);
          if (domainCategories == null || domainCategories.contains(domainType)) {
            add(rows, "domain:" + domainType, text(properties, "Value"), properties);
          }
        }
        case "HostnameObjectType" ->
            add(rows, "hostname", text(properties, "Hostname_Value"), properties);
        case "URIObjectType" -> add(rows, "uriobjecttype", text(properties, "Value"), properties);
        default -> {
          // Other CybOX objects (files, mutexes, ...) carry no indicator Metron loaded.
        }
      }
    }
    return rows;
  }

  private static void add(List<TableRow> rows, String type, String value, Element source)
      throws BadRowException {
    if (value == null) {
      return;
    }
    String xml = xml(source);
    for (String token : value.split(DELIMITER)) {
      String indicator = token.trim();
      if (!indicator.isEmpty()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source-type", "STIX");
        row.put("indicator-type", type);
        row.put("source", xml);
        rows.add(new TableRow(new LookupKey(type, indicator), row));
      }
    }
  }

  private static String text(Element parent, String localName) {
    NodeList found = parent.getElementsByTagNameNS("*", localName);
    return found.getLength() == 0 ? null : found.item(0).getTextContent();
  }

  private static Document parse(String input) throws BadRowException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(input)));
    } catch (SAXParseException e) {
      throw new BadRowException(
          "not a STIX XML document (line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + "): "
              + e.getMessage());
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new BadRowException("not a STIX XML document: " + e.getMessage());
    }
  }

  private static String xml(Node node) throws BadRowException {
    try {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new BadRowException("cannot serialise a STIX object: " + e.getMessage());
    }
  }
}
