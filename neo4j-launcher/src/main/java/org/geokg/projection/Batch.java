package org.geokg.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The named graphs of one projection call, sorted into claims (what one graph says of one
 * subject: its labels and encoded literals) and links, then combined: one node row per uri
 * listing the graphs behind it. Mirrors kg/projection/rows.py and batch.py (the reference).
 */
final class Batch {

    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String TYPE = "\u0000type";

    /** What one graph says of one node. */
    record Claim(String graph, String[] labels, String[] literals) {}

    /** A subject-object pair of one relationship type. */
    record Link(String s, String o) {}

    /** One node of the batch: the graphs that describe it and their claims, in batch order. */
    static final class NodeRow {
        final List<String> graphs = new ArrayList<>();
        final List<Claim> claims = new ArrayList<>();
    }

    final Config config;
    final Map<String, NodeRow> nodes = new LinkedHashMap<>();
    final Map<String, Map<Link, List<String>>> links = new LinkedHashMap<>();
    final Map<String, Long> triplesByGraph = new LinkedHashMap<>();
    long triples;
    long skipped;
    private final Map<String, String> predicateKeys = new HashMap<>();

    /**
     * The ontology's parts the projection needs, passed in by the caller (kg.projection).
     * {@code provenance} false is a benchmark reference only (bench/projection_bench.py --floor):
     * the shape rdflib-neo4j writes, with no sources, claims or graph records, which the
     * projection can neither withdraw nor sync; kg.projection always asks for provenance.
     */
    record Config(
            String geoIri,
            Set<String> classes,
            Set<String> reserved,
            Set<String> multiValued,
            String claimType,
            boolean provenance) {}

    Batch(Config config) {
        this.config = config;
    }

    /** Sorts one graph's N-Triples into claims and links and adds them to the batch. */
    void addGraph(String graph, String ntriples) {
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Map<String, Set<String>> literals = new HashMap<>();
        Map<String, Map<Link, Boolean>> graphLinks = new LinkedHashMap<>();
        long[] count = {0};
        NTriples.parse(ntriples, t -> {
            count[0]++;
            String key = predicateKey(t.predicate().value());
            if (key == null) {
                skipped++;
                return;
            }
            String subject = uri(t.subject());
            if (!labels.containsKey(subject)) {
                labels.put(subject, new TreeSet<>(Values.ORDER));
                literals.put(subject, new TreeSet<>(Values.ORDER));
            }
            NTriples.Term o = t.object();
            if (o.isLiteral()) {
                literals.get(subject).add(encode(propertyKey(key.equals(TYPE) ? "type" : key), o));
            } else if (key.equals(TYPE)) {
                String name = o.value().startsWith(config.geoIri()) ? o.value().substring(config.geoIri().length()) : null;
                if (o.kind() == NTriples.Term.IRI && name != null && config.classes().contains(name)) {
                    labels.get(subject).add(name);
                } else {
                    literals.get(subject).add("rdfType\t<\t" + o.value());
                }
            } else {
                graphLinks.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(new Link(subject, uri(o)), Boolean.TRUE);
            }
        });
        triples += count[0];
        triplesByGraph.merge(graph, count[0], Long::sum);
        labels.forEach((subject, ls) -> addClaim(graph, subject, ls, literals.get(subject)));
        graphLinks.forEach((type, pairs) -> {
            Map<Link, List<String>> known = links.computeIfAbsent(type, k -> new LinkedHashMap<>());
            pairs.keySet().forEach(link -> known.computeIfAbsent(link, k -> new ArrayList<>()).add(graph));
        });
    }

    private void addClaim(String graph, String uri, Set<String> labels, Set<String> literals) {
        NodeRow row = nodes.computeIfAbsent(uri, k -> new NodeRow());
        row.graphs.add(graph);
        row.claims.add(new Claim(graph, labels.toArray(String[]::new), literals.toArray(String[]::new)));
    }

    /** A node's uri: the IRI, or bnode://id for a blank node (rows.resource_uri). */
    static String uri(NTriples.Term term) {
        return term.kind() == NTriples.Term.BNODE ? "bnode://" + term.value() : term.value();
    }

    /** rdf:type -> TYPE; a predicate whose local name is an identifier -> that name; else null. */
    private String predicateKey(String predicate) {
        return predicateKeys.computeIfAbsent(predicate, p -> {
            if (p.equals(RDF_TYPE)) {
                return TYPE;
            }
            String name = localName(p);
            return IDENTIFIER.matcher(name).matches() ? name : null;
        });
    }

    /** The part of an IRI after its last '#' or '/', trailing ones ignored (rows.local_name). */
    static String localName(String iri) {
        int end = iri.length();
        while (end > 0 && (iri.charAt(end - 1) == '#' || iri.charAt(end - 1) == '/')) {
            end--;
        }
        String trimmed = iri.substring(0, end);
        int cut = Math.max(trimmed.lastIndexOf('#'), trimmed.lastIndexOf('/'));
        return trimmed.substring(cut + 1);
    }

    private String propertyKey(String local) {
        return config.reserved().contains(local) ? local + "_" : local;
    }

    /** 'key TAB kind TAB lexical', kind '' (plain), '@lang' or '^datatype' (values.encode). */
    static String encode(String key, NTriples.Term literal) {
        if (literal.lang() != null) {
            return key + "\t@" + literal.lang() + "\t" + literal.value();
        }
        if (literal.datatype() != null) {
            return key + "\t^" + literal.datatype() + "\t" + literal.value();
        }
        return key + "\t\t" + literal.value();
    }

    /** The union of several claims: labels (GEO classes only) and distinct literals, sorted. */
    String[][] union(Iterable<String[]> labelLists, Iterable<String[]> literalLists) {
        Set<String> labels = new TreeSet<>(Values.ORDER);
        for (String[] ls : labelLists) {
            for (String l : ls) {
                if (config.classes().contains(l)) {
                    labels.add(l);
                }
            }
        }
        Set<String> literals = new LinkedHashSet<>();
        for (String[] ls : literalLists) {
            literals.addAll(List.of(ls));
        }
        return new String[][] {labels.toArray(String[]::new), literals.toArray(String[]::new)};
    }
}
