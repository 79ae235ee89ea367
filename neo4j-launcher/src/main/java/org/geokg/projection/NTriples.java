package org.geokg.projection;

import java.util.function.Consumer;

/**
 * A small N-Triples reader (RDF 1.1 N-Triples: IRIs, blank nodes, literals with a language or
 * a datatype, string escapes), enough for what the RDF store of record writes.
 */
final class NTriples {

    /** One RDF term. {@code kind} is IRI, BNODE or LITERAL; a literal has a lang or a datatype. */
    record Term(char kind, String value, String lang, String datatype) {
        static final char IRI = '<';
        static final char BNODE = '_';
        static final char LITERAL = '"';

        boolean isLiteral() {
            return kind == LITERAL;
        }
    }

    /** One triple. */
    record Triple(Term subject, Term predicate, Term object) {}

    private final String text;
    private int pos;
    private int line = 1;

    private NTriples(String text) {
        this.text = text;
    }

    /** Calls {@code sink} for every triple of {@code text}; a syntax error raises IllegalArgumentException. */
    static void parse(String text, Consumer<Triple> sink) {
        new NTriples(text).run(sink);
    }

    private void run(Consumer<Triple> sink) {
        while (skipBlankAndComments()) {
            Term s = term();
            Term p = term();
            Term o = term();
            skipSpaces();
            expect('.');
            if (s.isLiteral() || p.kind() != Term.IRI) {
                throw error("a subject must be an IRI or a blank node, a predicate an IRI");
            }
            sink.accept(new Triple(s, p, o));
        }
    }

    /** Skips whitespace, blank lines and comments; false at the end of the text. */
    private boolean skipBlankAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return true;
            }
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private Term term() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unexpected end of the data");
        }
        char c = text.charAt(pos);
        if (c == '<') {
            return new Term(Term.IRI, iri(), null, null);
        }
        if (c == '_' && pos + 1 < text.length() && text.charAt(pos + 1) == ':') {
            pos += 2;
            int start = pos;
            while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
                pos++;
            }
            return new Term(Term.BNODE, text.substring(start, pos), null, null);
        }
        if (c == '"') {
            return literal();
        }
        throw error("expected an IRI, a blank node or a literal");
    }

    private static boolean isDelimiter(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private String iri() {
        pos++; // '<'
        int end = text.indexOf('>', pos);
        if (end < 0) {
            throw error("an IRI is not closed");
        }
        String raw = text.substring(pos, end);
        pos = end + 1;
        return raw.indexOf('\\') < 0 ? raw : unescape(raw);
    }

    private Term literal() {
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a literal is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                pos = escape(text, pos, value);
            } else {
                value.append(c);
            }
        }
        String lang = null;
        String datatype = null;
        if (pos < text.length() && text.charAt(pos) == '@') {
            int start = ++pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
            lang = text.substring(start, pos);
        } else if (text.startsWith("^^", pos)) {
            pos += 2;
            if (pos >= text.length() || text.charAt(pos) != '<') {
                throw error("a datatype must be an IRI");
            }
            datatype = iri();
        }
        return new Term(Term.LITERAL, value.toString(), lang, datatype);
    }

    private String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i++);
            if (c == '\\') {
                i = escape(raw, i, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the escape that starts after the backslash at {@code i - 1}; returns the next index. */
    private int escape(String s, int i, StringBuilder out) {
        if (i >= s.length()) {
            throw error("a backslash ends the data");
        }
        char e = s.charAt(i++);
        switch (e) {
            case 't' -> out.append('\t');
            case 'b' -> out.append('\b');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 'f' -> out.append('\f');
            case '"' -> out.append('"');
            case '\'' -> out.append('\'');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int width = e == 'u' ? 4 : 8;
                if (i + width > s.length()) {
                    throw error("a \\" + e + " escape is cut short");
                }
                out.appendCodePoint(Integer.parseInt(s.substring(i, i + width), 16));
                i += width;
            }
            default -> throw error("unknown escape \\" + e);
        }
        return i;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("N-Triples line " + line + ": " + message);
    }
}
