package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes documents as the XML that AWS's query and REST-XML protocols send: one element per member
 * named by its wire name; lists wrapped in their element with {@code member} items (or the item's own
 * name) unless flattened; maps as {@code entry}/{@code key}/{@code value}; timestamps in ISO-8601; blobs
 * in base64. Not thread safe: one instance writes one response.
 */
final class XmlOutput {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final XMLStreamWriter xml;

    XmlOutput() {
        try {
            xml = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an element, with a default namespace when given. */
    XmlOutput start(String name, Optional<String> namespace) {
        try {
            xml.writeStartElement(name);
            if (namespace.isPresent()) {
                xml.writeDefaultNamespace(namespace.get());
            }
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOutput start(String name) {
        return start(name, Optional.empty());
    }

    XmlOutput end() {
        try {
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOutput text(String name, String text) {
        start(name);
        try {
            xml.writeCharacters(legal(text));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return end();
    }

    /** Writes the members of a structure document (those the filter admits) inside the current element. */
    XmlOutput members(Shape.Structure shape, JsonNode value, Predicate<Member> admit) {
        for (Member member : shape.members().values()) {
            JsonNode v = value.get(member.name());
            if (v != null && !v.isNull() && admit.test(member)) {
                member(member, member.wireName(), v);
            }
        }
        return this;
    }

    private void member(Member member, String name, JsonNode value) {
        switch (member.shape()) {
            case Shape.Structure s -> {
                start(name);
                members(s, value, m -> true);
                end();
            }
            case Shape.ListShape l -> list(member, l, name, value);
            case Shape.MapShape m -> map(member, m, name, value);
            default -> text(name, Scalars.write(member.shape(), value, "iso8601"));
        }
    }

    private void list(Member member, Shape.ListShape list, String name, JsonNode value) {
        if (member.flattened()) {
            for (JsonNode item : value) {
                member(list.member(), name, item);
            }
            return;
        }
        start(name);
        String itemName = list.member().locationName().orElse("member");
        for (JsonNode item : value) {
            member(list.member(), itemName, item);
        }
        end();
    }

    private void map(Member member, Shape.MapShape map, String name, JsonNode value) {
        boolean flattened = member.flattened();
        if (!flattened) {
            start(name);
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            start(flattened ? name : "entry");
            text(map.key().locationName().orElse("key"), e.getKey());
            member(map.value(), map.value().locationName().orElse("value"), e.getValue());
            end();
        }
        if (!flattened) {
            end();
        }
    }

    /**
     * The text with the characters XML 1.0 cannot carry (most C0 controls, unpaired surrogates,
     * U+FFFE/U+FFFF) replaced by U+FFFD, so an error that quotes a caller's input stays well-formed.
     */
    static String legal(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }

    byte[] bytes() {
        try {
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
