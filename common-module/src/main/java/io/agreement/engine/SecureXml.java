package io.agreement.engine;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** The JDK's DOM parser with every feature that lets a document reach outside itself turned off. */
final class SecureXml {

  static final int MAX_DEPTH = 100;

  private SecureXml() {}

  static Document parse(String xml) {
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(RETHROW);
      builder.setEntityResolver((publicId, systemId) -> refuseEntity(systemId));
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      throw new InvalidLabelConfigException(describe(e), e);
    } catch (SAXException | IOException e) {
      throw new InvalidLabelConfigException("label config cannot be read: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    factory.setValidating(false);
    return factory;
  }

  private static InputSource refuseEntity(String systemId) throws SAXException {
    throw new SAXException("label config refers to an external entity (" + systemId + ")");
  }

  private static String describe(SAXParseException e) {
    String where = " (line %d, column %d)".formatted(e.getLineNumber(), e.getColumnNumber());
    String message = String.valueOf(e.getMessage());
    if (message.contains("maxElementDepth")) {
      return "label config nests elements deeper than " + MAX_DEPTH + " levels" + where;
    }
    if (message.contains("DOCTYPE")) {
      return "label config must not contain a DOCTYPE declaration" + where;
    }
    return "label config is not well-formed XML" + where + ": " + message;
  }

  private static final ErrorHandler RETHROW =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
