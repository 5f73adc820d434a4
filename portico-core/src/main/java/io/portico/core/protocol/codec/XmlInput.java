package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.TypeErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads REST-XML request bodies into documents, the inverse of {@link XmlOutput}. The parser refuses
 * document type declarations, so no external entity or entity expansion can be smuggled in, and elements
 * nested deeper than 64. Stateless.
 */
final class XmlInput {
    private static final int MAX_DEPTH = 64;

    private XmlInput() {
    }

    /** The root element of {@code body}; malformed XML is the service's unreadable-request error. */
    static Element parse(byte[] body, TypeErrors errors) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            // No request has a structure this deep; a hostile one is refused before it can exhaust a stack.
            factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new AwsErrorException(errors.unreadable("The XML you provided was not well-formed or did not"
                    + " validate against our published schema"));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The members of {@code shape} found among the children of {@code element}. */
    static ObjectNode structure(Shape.Structure shape, Element element, String path, TypeErrors errors,
            Predicate<Member> admit) {
        ObjectNode out = Json.object();
        for (Member member : shape.members().values()) {
            if (!admit.test(member)) {
                continue;
            }
            List<Element> found = children(element, member.wireName());
            if (found.isEmpty()) {
                continue;
            }
            String memberPath = JsonDocuments.join(path, member.name());
            if (member.shape() instanceof Shape.ListShape list && member.flattened()) {
                ArrayNode items = out.putArray(member.name());
                found.forEach(item -> items.add(value(list.member().shape(), item, memberPath, errors)));
            } else {
                out.set(member.name(), value(member.shape(), found.get(0), memberPath, errors));
            }
        }
        return out;
    }

    private static JsonNode value(Shape shape, Element element, String path, TypeErrors errors) {
        return switch (shape) {
            case Shape.Structure s -> structure(s, element, path, errors, m -> true);
            case Shape.ListShape l -> {
                ArrayNode items = Json.mapper().createArrayNode();
                for (Element item : children(element, l.member().locationName().orElse("member"))) {
                    items.add(value(l.member().shape(), item, path, errors));
                }
                yield items;
            }
            case Shape.MapShape m -> {
                ObjectNode map = Json.object();
                for (Element entry : children(element, "entry")) {
                    List<Element> key = children(entry, m.key().locationName().orElse("key"));
                    List<Element> val = children(entry, m.value().locationName().orElse("value"));
                    if (!key.isEmpty() && !val.isEmpty()) {
                        map.set(key.get(0).getTextContent(), value(m.value().shape(), val.get(0), path, errors));
                    }
                }
                yield map;
            }
            // A string keeps its spaces; numbers, booleans, timestamps and blobs may be written indented.
            case Shape.StringShape s -> Scalars.read(shape, element.getTextContent(), path, errors);
            default -> Scalars.read(shape, element.getTextContent().trim(), path, errors);
        };
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }
}
