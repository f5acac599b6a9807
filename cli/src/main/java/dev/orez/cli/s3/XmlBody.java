package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An operation whose body is a small XML document (DeleteObjects, CompleteMultipartUpload): collected in
 * memory up to a limit, parsed without DTDs or external entities, and handed over as its root element.
 */
final class XmlBody implements S3Operation {
    /** Acts on the parsed document and answers. */
    interface Handle {
        S3Response apply(Element root) throws S3ErrorException, IOException;
    }

    /** Comfortably above the largest legal body: DeleteObjects with 1000 keys of 1024 bytes. */
    private static final int MAX_BYTES = 2 << 20;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Handle handle;

    XmlBody(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void content(ByteBuf chunk) throws S3ErrorException, IOException {
        if (body.size() + chunk.readableBytes() > MAX_BYTES) {
            throw S3Error.MAX_MESSAGE_LENGTH_EXCEEDED.with("Your request was too big.");
        }
        chunk.readBytes(body, chunk.readableBytes());
    }

    @Override
    public S3Response complete() throws S3ErrorException, IOException {
        return handle.apply(parse(body.toByteArray()));
    }

    private static Element parse(byte[] xml) throws S3ErrorException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fail on errors without printing them
            return builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (SAXException e) {
            throw malformed();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser supports secure processing", e);
        }
    }

    /** The child elements of {@code parent} with this local name, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(localName(element))) {
                children.add(element);
            }
        }
        return children;
    }

    /** The text of the first child element with this name, untrimmed (keys may end in spaces); null if none. */
    static String childText(Element parent, String name) {
        List<Element> matches = children(parent, name);
        return matches.isEmpty() ? null : matches.get(0).getTextContent();
    }

    static S3ErrorException malformed() {
        return S3Error.MALFORMED_XML.with(
                "The XML you provided was not well-formed or did not validate against" + " our published schema.");
    }

    /** The parser is not namespace aware (S3 bodies come with and without xmlns); strip any prefix. */
    private static String localName(Element element) {
        String name = element.getTagName();
        return name.substring(name.indexOf(':') + 1);
    }
}
