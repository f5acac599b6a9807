package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayDeque;
import java.util.Deque;

/** Builds the small XML documents S3 answers with; text is escaped, elements are closed in order. */
final class XmlWriter {
    private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    /** A document whose root element is in the S3 namespace. */
    static XmlWriter document(String root) {
        XmlWriter writer = new XmlWriter();
        writer.xml
                .append('<')
                .append(root)
                .append(" xmlns=\"")
                .append(S3_NAMESPACE)
                .append("\">");
        writer.open.push(root);
        return writer;
    }

    /** A document whose root has no namespace, as S3's error documents. */
    static XmlWriter plainDocument(String root) {
        return new XmlWriter().start(root);
    }

    XmlWriter start(String name) {
        xml.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    XmlWriter end() {
        xml.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text content; nothing is written for a null value. */
    XmlWriter element(String name, Object value) {
        if (value != null) {
            start(name);
            escape(value.toString());
            end();
        }
        return this;
    }

    S3Response toResponse(HttpResponseStatus status) {
        while (!open.isEmpty()) {
            end();
        }
        return S3Response.xml(status, xml.toString());
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\r' -> xml.append("&#13;");
                default -> xml.append(c);
            }
        }
    }
}
