package org.geokg.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code geokg.project(graphs, config)}: writes named graphs of N-Triples into the projection
 * in the caller's transaction, as kg.stores.neo4j_store.Neo4jProjection does through Cypher,
 * with the same result (a test compares them), in one server-side pass. The graphs must not be
 * projected already (the caller withdraws those first); other graphs' nodes are merged with.
 */
public final class ProjectProcedure {

    static final Label RESOURCE = Label.label("Resource");
    static final Label GRAPH = Label.label("ProjectedGraph");

    @Context
    public Transaction tx;

    /** What one call wrote. */
    public static final class Output {
        public long graphs;
        public long triples;
        public long nodes;
        public long relationships;
        public long skipped;
    }

    @Procedure(name = "geokg.project", mode = Mode.WRITE)
    @Description("geokg.project(graphs :: [{graph, ntriples, hash}], config :: {geoIri, classes, reserved, "
            + "multiValued}) - project named graphs of N-Triples (none projected before)")
    public Stream<Output> project(
            @Name("graphs") List<Map<String, Object>> graphs, @Name("config") Map<String, Object> config) {
        Batch batch = new Batch(config(config));
        for (Map<String, Object> g : graphs) {
            batch.addGraph(text(g, "graph"), text(g, "ntriples"));
        }
        new Writer(tx, batch).write(graphs);
        Output out = new Output();
        out.graphs = graphs.size();
        out.triples = batch.triples;
        out.nodes = batch.nodes.size();
        out.relationships = batch.links.values().stream().mapToLong(Map::size).sum();
        out.skipped = batch.skipped;
        return Stream.of(out);
    }

    private static String text(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof String value)) {
            throw new IllegalArgumentException("geokg.project: each graph needs a string '" + key + "'");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Batch.Config config(Map<String, Object> c) {
        try {
            return new Batch.Config(
                    (String) c.get("geoIri"),
                    Set.copyOf((List<String>) c.get("classes")),
                    Set.copyOf((List<String>) c.get("reserved")),
                    Set.copyOf((List<String>) c.get("multiValued")),
                    (String) c.get("claimType"),
                    !Boolean.FALSE.equals(c.get("provenance")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("geokg.project: config needs geoIri, classes, reserved, multiValued, claimType");
        }
    }

    /** Writes one batch through the Core API. */
    static final class Writer {
        private final Transaction tx;
        private final Batch batch;
        private final RelationshipType claim;
        private final Map<String, Node> graphNodes = new HashMap<>();
        private final Map<String, Node> nodes = new HashMap<>();
        private final Set<String> created = new HashSet<>();

        Writer(Transaction tx, Batch batch) {
            this.tx = tx;
            this.batch = batch;
            this.claim = RelationshipType.withName(batch.config.claimType());
        }

        void write(List<Map<String, Object>> graphs) {
            if (!batch.config.provenance()) {
                writeShapeOnly();
                return;
            }
            for (Map<String, Object> g : graphs) {
                String iri = (String) g.get("graph");
                Node node = tx.findNode(GRAPH, "iri", iri);
                if (node == null) {
                    node = tx.createNode(GRAPH);
                    node.setProperty("iri", iri);
                }
                graphNodes.put(iri, node);
            }
            List<Node> known = new ArrayList<>();
            batch.nodes.forEach((uri, row) -> {
                Node node = tx.findNode(RESOURCE, "uri", uri);
                if (node == null) {
                    node = create(uri, row);
                } else {
                    node.setProperty("sources", mergeSources(node, row.graphs));
                    known.add(node);
                }
                nodes.put(uri, node);
                for (Batch.Claim c : row.claims) {
                    Relationship r = graphNodes.get(c.graph()).createRelationshipTo(node, claim);
                    r.setProperty("labels", c.labels());
                    r.setProperty("literals", c.literals());
                }
            });
            known.forEach(this::recompute);
            batch.links.forEach(this::writeLinks);
            for (Map<String, Object> g : graphs) {
                Node node = graphNodes.get((String) g.get("graph"));
                Object hash = g.get("hash");
                if (hash instanceof String h) {
                    node.setProperty("hash", h);
                } else {
                    node.removeProperty("hash");
                }
                node.setProperty("triples", batch.triplesByGraph.getOrDefault((String) g.get("graph"), 0L));
            }
        }

        /** The benchmark floor: nodes merged by uri with labels and properties set, links created. */
        private void writeShapeOnly() {
            batch.nodes.forEach((uri, row) -> {
                Node node = tx.findNode(RESOURCE, "uri", uri);
                if (node == null) {
                    node = create(uri, row);
                } else {
                    String[][] union = union(row);
                    for (String label : union[0]) {
                        node.addLabel(Label.label(label));
                    }
                    Values.props(List.of(union[1]), batch.config.multiValued()).forEach(node::setProperty);
                }
                nodes.put(uri, node);
            });
            batch.links.forEach(this::writeLinks);
        }

        private String[][] union(Batch.NodeRow row) {
            return batch.union(
                    row.claims.stream().map(Batch.Claim::labels).toList(),
                    row.claims.stream().map(Batch.Claim::literals).toList());
        }

        /** A node the database does not hold, from the union of its claims. */
        private Node create(String uri, Batch.NodeRow row) {
            String[][] union = union(row);
            Node node = tx.createNode(RESOURCE);
            for (String label : union[0]) {
                node.addLabel(Label.label(label));
            }
            node.setProperty("uri", uri);
            Values.props(List.of(union[1]), batch.config.multiValued()).forEach(node::setProperty);
            if (batch.config.provenance()) {
                node.setProperty("sources", row.graphs.toArray(String[]::new));
            }
            created.add(uri);
            return node;
        }

        /** The entity's sources less `graphs`, then `graphs` (as the Cypher path orders them). */
        private static String[] mergeSources(Entity entity, List<String> graphs) {
            List<String> sources = new ArrayList<>();
            if (entity.getProperty("sources", null) instanceof String[] old) {
                for (String s : old) {
                    if (!graphs.contains(s)) {
                        sources.add(s);
                    }
                }
            }
            sources.addAll(graphs);
            return sources.toArray(String[]::new);
        }

        /** Labels and properties of a node others also describe: the union of all its claims. */
        private void recompute(Node node) {
            List<String[]> labels = new ArrayList<>();
            List<String[]> literals = new ArrayList<>();
            for (Relationship r : node.getRelationships(Direction.INCOMING, claim)) {
                labels.add((String[]) r.getProperty("labels"));
                literals.add((String[]) r.getProperty("literals"));
            }
            String[][] union = batch.union(labels, literals);
            Set<String> wanted = Set.of(union[0]);
            for (Label label : node.getLabels()) {
                if (batch.config.classes().contains(label.name()) && !wanted.contains(label.name())) {
                    node.removeLabel(label);
                }
            }
            for (String label : union[0]) {
                node.addLabel(Label.label(label));
            }
            for (String key : node.getPropertyKeys()) {
                if (!key.equals("uri") && !key.equals("sources")) {
                    node.removeProperty(key);
                }
            }
            Values.props(List.of(union[1]), batch.config.multiValued()).forEach(node::setProperty);
        }

        /** The links of one type: created from new nodes, merged (sources added) from known ones. */
        private void writeLinks(String name, Map<Batch.Link, List<String>> links) {
            if (name.equals(batch.config.claimType())) {
                throw new IllegalArgumentException("'" + name + "' cannot be a relationship type");
            }
            RelationshipType type = RelationshipType.withName(name);
            Map<Node, Map<String, Relationship>> outgoing = new HashMap<>();
            links.forEach((link, graphs) -> {
                Node s = nodes.get(link.s());
                Node o = target(link.o());
                String[] sources = graphs.toArray(String[]::new);
                if (!created.contains(link.s())) {
                    Relationship r = outgoing.computeIfAbsent(s, n -> existing(n, type)).get(o.getElementId());
                    if (r != null) {
                        if (batch.config.provenance()) {
                            r.setProperty("sources", mergeSources(r, graphs));
                        }
                        return;
                    }
                }
                Relationship r = s.createRelationshipTo(o, type);
                if (batch.config.provenance()) {
                    r.setProperty("sources", sources);
                }
            });
        }

        private static Map<String, Relationship> existing(Node node, RelationshipType type) {
            Map<String, Relationship> out = new HashMap<>();
            for (Relationship r : node.getRelationships(Direction.OUTGOING, type)) {
                out.put(r.getEndNode().getElementId(), r);
            }
            return out;
        }

        /** The node a link points at: one of the batch, one the database holds, or a new placeholder. */
        private Node target(String uri) {
            Node node = nodes.get(uri);
            if (node == null) {
                node = tx.findNode(RESOURCE, "uri", uri);
                if (node == null) {
                    node = tx.createNode(RESOURCE);
                    node.setProperty("uri", uri);
                    if (batch.config.provenance()) {
                        node.setProperty("sources", new String[0]);
                    }
                    created.add(uri);
                }
                nodes.put(uri, node);
            }
            return node;
        }
    }
}
