package org.repstudio.app.editor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.io.LayeredLayout;
import org.repstudio.core.io.Position;

/**
 * The editor's state and every edit, without the toolkit. The state is an immutable
 * {@link EditorState}; each edit replaces it and pushes the previous one on the undo stack with the
 * action's name, so undo and redo are exact and one gesture is one step. {@link Feedback} is recomputed
 * after every change. Selection holds node ids and collapsed sub-block ids.
 */
public final class EditorViewModel {

    /** Grid spacing for snapping, in canvas pixels. */
    public static final double GRID = 20;
    /** Undo steps kept. */
    public static final int HISTORY = 5000;
    /** How far a paste or duplicate is shifted from its original. */
    public static final double PASTE_OFFSET = 40;

    private record Step(String name, EditorState state) {
    }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<EditorState> state = new ReadOnlyObjectWrapper<>(this, "state",
            EditorState.empty());
    private final ReadOnlyObjectWrapper<Feedback> feedback = new ReadOnlyObjectWrapper<>(this, "feedback",
            Feedback.empty());
    private final ReadOnlyObjectWrapper<Set<String>> selection = new ReadOnlyObjectWrapper<>(this, "selection",
            Set.of());
    private final ReadOnlyStringWrapper undoName = new ReadOnlyStringWrapper(this, "undoName", "");
    private final ReadOnlyStringWrapper redoName = new ReadOnlyStringWrapper(this, "redoName", "");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
    private final ReadOnlyObjectWrapper<String> message = new ReadOnlyObjectWrapper<>(this, "message", "");
    private final javafx.beans.property.ReadOnlyLongWrapper revision =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "revision", 0);
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
    private final FeedbackCalculator calculator = new FeedbackCalculator();
    private EditorState saved = state.get();
    private Fragment clipboard = new Fragment(List.of(), List.of(), Map.of());
    private int pastes;
    private long lastFeedbackNanos;

    public EditorViewModel() {
        refresh();
    }

    // ---------------------------------------------------------------- state and history

    public EditorState state() {
        return state.get();
    }

    public Graph graph() {
        return state.get().graph();
    }

    public ReadOnlyObjectProperty<EditorState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Feedback> feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public Feedback feedback() {
        return feedback.get();
    }

    /** Forgets the cached fusability checks, so the next feedback checks every region again. */
    public void clearFeedbackCache() {
        calculator.clearCache();
    }

    /** How long the last feedback computation took, in nanoseconds. */
    public long lastFeedbackNanos() {
        return lastFeedbackNanos;
    }

    public ReadOnlyObjectProperty<Set<String>> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Set<String> selection() {
        return selection.get();
    }

    /** Name of the edit undo would revert ("" when none). */
    public ReadOnlyStringProperty undoNameProperty() {
        return undoName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoNameProperty() {
        return redoName.getReadOnlyProperty();
    }

    /** True while the state differs from the one last loaded or saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** The last refusal or notice of an edit ("" when the last edit went through). */
    public ReadOnlyObjectProperty<String> messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    /** The design's method decides which rewrites beyond linear regions count as fusable (RMNet, ResRep). */
    public void setMethod(String method) {
        calculator.setMethod(method);
    }

    /** Replaces everything with {@code s}, clears history and selection; the result counts as saved. */
    public void load(EditorState s) {
        undo.clear();
        redo.clear();
        selection.set(Set.of());
        state.set(s);
        saved = s;
        refresh();
    }

    /** Replaces the whole design as one undoable, unsaved step (recovery, revert). */
    public void replaceAll(String name, EditorState s) {
        apply(name, s);
    }

    /** Marks the current state as saved (not dirty). */
    public void markSaved() {
        saved = state.get();
        refresh();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Step s = undo.pop();
        redo.push(new Step(s.name(), state.get()));
        state.set(s.state());
        pruneSelection();
        refresh();
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Step s = redo.pop();
        undo.push(new Step(s.name(), state.get()));
        state.set(s.state());
        pruneSelection();
        refresh();
    }

    private void apply(String name, EditorState next) {
        if (next.equals(state.get())) {
            return;
        }
        undo.push(new Step(name, state.get()));
        while (undo.size() > HISTORY) {
            undo.removeLast();
        }
        redo.clear();
        state.set(next);
        message.set("");
        pruneSelection();
        refresh();
    }

    private void refresh() {
        long t0 = System.nanoTime();
        feedback.set(calculator.compute(state.get().graph()));
        lastFeedbackNanos = System.nanoTime() - t0;
        undoName.set(undo.isEmpty() ? "" : undo.peek().name());
        redoName.set(redo.isEmpty() ? "" : redo.peek().name());
        dirty.set(state.get() != saved);
        revision.set(revision.get() + 1);
    }

    /**
     * Goes up by one after every change of state or feedback. Views listen to this rather than to the
     * state: a change listener is not told when the new value equals the old one.
     */
    public javafx.beans.property.ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    private void pruneSelection() {
        EditorState s = state.get();
        Set<String> keep = new LinkedHashSet<>();
        for (String id : selection.get()) {
            if (s.graph().contains(id) || s.groups().containsKey(id)) {
                keep.add(id);
            }
        }
        if (!keep.equals(selection.get())) {
            selection.set(java.util.Collections.unmodifiableSet(keep));
        }
    }

    // ---------------------------------------------------------------- selection

    public void select(Collection<String> ids) {
        selection.set(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(ids)));
    }

    /** Adds or removes {@code id} (shift-click). */
    public void toggleSelection(String id) {
        Set<String> s = new LinkedHashSet<>(selection.get());
        if (!s.remove(id)) {
            s.add(id);
        }
        select(s);
    }

    public void selectAll() {
        Set<String> s = new LinkedHashSet<>();
        for (String id : graph().nodes().keySet()) {
            s.add(visibleId(id));
        }
        select(s);
    }

    public void clearSelection() {
        select(List.of());
    }

    /** The id the canvas shows for node {@code id}: its collapsed group, or itself. */
    public String visibleId(String id) {
        BlockGroup g = state().collapsedGroupOf(id);
        return g == null ? id : g.id();
    }

    /** Selected node ids, with the members of selected sub-blocks. */
    public Set<String> selectedNodes() {
        Set<String> picked = new HashSet<>();
        for (String id : selection.get()) {
            BlockGroup g = state().groups().get(id);
            if (g != null) {
                picked.addAll(g.members());
            } else if (graph().contains(id)) {
                picked.add(id);
            }
        }
        Set<String> out = new LinkedHashSet<>(); // in graph order, so copies are deterministic
        for (String id : graph().nodes().keySet()) {
            if (picked.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- nodes

    /** Places {@code op} with its top-left corner at {@code at}; returns the new node's id. */
    public String addNode(Op op, Pos at) {
        String id = freshId(op.kind());
        EditorState s = state();
        Map<String, Pos> pos = new LinkedHashMap<>(s.positions());
        pos.put(id, place(at));
        apply("Add " + op.kind(), s.withGraph(s.graph().withNode(new Node(id, op))).withPositions(pos));
        select(List.of(id));
        return id;
    }

    /**
     * Sets one field of a node's op (see {@link OpFields}); one undo step. Returns the reason when the
     * value cannot be set at all (wrong type); a value the engine rejects is set and shown as a problem.
     */
    public Optional<String> setField(String nodeId, String field, Object value) {
        Node n = graph().findNode(nodeId).orElse(null);
        if (n == null) {
            return Optional.of("no node '" + nodeId + "'");
        }
        Op op;
        try {
            op = OpFields.with(n.op(), field, value);
        } catch (RuntimeException e) {
            message.set(e.getMessage());
            return Optional.of(e.getMessage());
        }
        apply("Edit " + nodeId + " " + field, state().withGraph(graph().withNode(new Node(nodeId, op))));
        return Optional.empty();
    }

    /** Replaces the op of {@code nodeId} (one undo step). */
    public void setOp(String nodeId, Op op) {
        apply("Edit " + nodeId, state().withGraph(graph().withNode(new Node(nodeId, op))));
    }

    /** Deletes the selected nodes and sub-blocks with every wire touching them; one undo step. */
    public void deleteSelection() {
        Set<String> ids = selectedNodes();
        if (ids.isEmpty()) {
            return;
        }
        apply(ids.size() == 1 ? "Delete " + ids.iterator().next() : "Delete " + ids.size() + " nodes",
                without(state(), ids));
    }

    private static EditorState without(EditorState s, Set<String> ids) {
        Graph g = s.graph();
        Set<String> consumers = new LinkedHashSet<>();
        for (Edge e : g.edges()) {
            if (ids.contains(e.from()) && !ids.contains(e.to())) {
                consumers.add(e.to());
            }
        }
        for (String id : ids) {
            g = g.withoutNode(id);
        }
        for (String c : consumers) { // keep the remaining inputs of a sum on ports 0..n-1
            if (g.node(c).op().arity() < 0) {
                g = g.withInputs(c, g.inputsOf(c));
            }
        }
        Map<String, Pos> pos = new LinkedHashMap<>(s.positions());
        pos.keySet().removeAll(ids);
        Map<String, BlockGroup> groups = new LinkedHashMap<>();
        for (BlockGroup bg : s.groups().values()) {
            List<String> left = bg.members().stream().filter(m -> !ids.contains(m)).toList();
            if (!left.isEmpty()) {
                groups.put(bg.id(), bg.withMembers(left));
            }
        }
        return new EditorState(g, pos, groups, s.blocks());
    }

    /**
     * Moves nodes and sub-blocks (ids as in the selection) by (dx, dy): the canvas calls this once when a
     * drag ends, so a drag is one undo step. Positions snap to the grid when snapping is on.
     */
    public void move(Collection<String> ids, double dx, double dy) {
        EditorState s = state();
        Map<String, Pos> pos = new LinkedHashMap<>(s.positions());
        Map<String, BlockGroup> groups = new LinkedHashMap<>(s.groups());
        Set<String> nodes = new LinkedHashSet<>();
        for (String id : ids) {
            BlockGroup g = groups.get(id);
            if (g != null) {
                groups.put(id, g.withPos(place(g.pos().plus(dx, dy))));
                nodes.addAll(g.members());
            } else if (s.graph().contains(id)) {
                nodes.add(id);
            }
        }
        for (String id : nodes) {
            pos.put(id, place(s.pos(id).plus(dx, dy)));
        }
        apply(nodes.size() == 1 ? "Move " + nodes.iterator().next() : "Move " + nodes.size() + " nodes",
                new EditorState(s.graph(), pos, groups, s.blocks()));
    }

    /** Lays the whole design out left to right by depth; one undo step. */
    public void autoArrange() {
        EditorState s = state();
        Map<String, Pos> pos = arranged(s.graph());
        Map<String, BlockGroup> groups = new LinkedHashMap<>();
        for (BlockGroup g : s.groups().values()) {
            groups.put(g.id(), g.withPos(topLeft(g.members(), pos)));
        }
        apply("Auto-arrange", new EditorState(s.graph(), pos, groups, s.blocks()));
    }

    /**
     * Where auto-arrange puts each node of {@code g}: left to right by depth, columns
     * {@link DesignStates#MIN_COLUMN} apart (room for a wire and its shape label), sources at x = 0; a
     * design much wider than a window is folded into bands ({@link BandWrap}).
     */
    public static Map<String, Pos> arranged(Graph g) {
        Map<String, Pos> pos = new LinkedHashMap<>();
        for (Map.Entry<String, Position> e : LayeredLayout.positions(g).entrySet()) {
            pos.put(e.getKey(), new Pos(e.getValue().x() * DesignStates.MIN_COLUMN / LayeredLayout.COLUMN,
                    e.getValue().y()));
        }
        return BandWrap.wrap(pos);
    }

    private Pos place(Pos p) {
        return snapToGrid.get() ? p.snapped(GRID) : p;
    }

    // ---------------------------------------------------------------- wires

    /**
     * Why wiring the output of {@code from} into input {@code port} of {@code to} is refused, or empty
     * when it is allowed. {@code port} -1 (or past the last input of a sum) means the next free input.
     */
    public Optional<ConnectionRefusal> checkConnect(String from, String to, int port) {
        Graph g = graph();
        if (!g.contains(from) || !g.contains(to)) {
            return refusal(ConnectionRefusal.Kind.NO_SUCH_NODE, "no such node");
        }
        if (from.equals(to)) {
            return refusal(ConnectionRefusal.Kind.CYCLE, "a node cannot feed itself");
        }
        Op src = g.node(from).op();
        Op dst = g.node(to).op();
        if (src instanceof Op.Output) {
            return refusal(ConnectionRefusal.Kind.ARITY, "an output node has no output port");
        }
        if (dst.arity() == 0) {
            return refusal(ConnectionRefusal.Kind.ARITY, "an input node takes no inputs");
        }
        if (dst.arity() > 0 && port >= dst.arity()) {
            return refusal(ConnectionRefusal.Kind.ARITY, "" + dst.kind() + " takes " + dst.arity() + " input");
        }
        Optional<List<String>> path = pathBetween(g, to, from);
        if (path.isPresent()) {
            return refusal(ConnectionRefusal.Kind.CYCLE, "" + String.join(" → ", path.get()) + " → " + to);
        }
        Graph trial = connected(g, from, to, port);
        TensorShape shape = ShapeInference.infer(g).shapes().get(from);
        Set<String> before = new HashSet<>();
        for (Problem p : ShapeInference.infer(g).problems()) {
            if (to.equals(p.nodeId())) {
                before.add(p.message());
            }
        }
        for (Problem p : ShapeInference.infer(trial).problems()) {
            if (to.equals(p.nodeId()) && !before.contains(p.message()) && p.kind() != Problem.Kind.TOO_FEW_INPUTS
                    && p.kind() != Problem.Kind.UNCONNECTED) {
                boolean type = shape != null && shape.flat() && p.kind() == Problem.Kind.NOT_SPATIAL;
                return refusal(type ? ConnectionRefusal.Kind.TYPE : ConnectionRefusal.Kind.SHAPE, p.message());
            }
        }
        return Optional.empty();
    }

    private static Optional<ConnectionRefusal> refusal(ConnectionRefusal.Kind kind, String reason) {
        return Optional.of(new ConnectionRefusal(kind, reason));
    }

    /**
     * Wires {@code from} into {@code to}: a fixed-arity op's port is rewired, a sum or concat gets one more
     * input at {@code port}; empty, or the refusal.
     */
    public Optional<ConnectionRefusal> connect(String from, String to, int port) {
        Optional<ConnectionRefusal> refusal = checkConnect(from, to, port);
        if (refusal.isPresent()) {
            message.set("Refused: " + refusal.get().text());
            return refusal;
        }
        apply("Connect " + from + " → " + to, state().withGraph(connected(graph(), from, to, port)));
        return Optional.empty();
    }

    /** Removes one wire; the remaining inputs of a sum move up to keep ports 0..n-1. */
    public void disconnect(Edge edge) {
        Graph g = graph();
        if (!g.edges().contains(edge)) {
            return;
        }
        Graph next = g.withoutEdge(edge);
        if (g.node(edge.to()).op().arity() < 0) {
            next = next.withInputs(edge.to(), next.inputsOf(edge.to()));
        }
        apply("Disconnect " + edge.from() + " → " + edge.to(), state().withGraph(next));
    }

    /** Input ports the canvas draws for {@code id}: the op's arity, or a sum's inputs plus a free one. */
    public int portCount(String id) {
        Op op = graph().node(id).op();
        if (op.arity() >= 0) {
            return op.arity();
        }
        int n = 0;
        for (Edge e : graph().edges()) {
            if (e.to().equals(id)) {
                n = Math.max(n, e.port() + 1);
            }
        }
        return n + 1;
    }

    private static Graph connected(Graph g, String from, String to, int port) {
        List<String> inputs = new ArrayList<>(g.inputsOf(to));
        Op dst = g.node(to).op();
        int p = port < 0 ? (dst.arity() > 0 ? Math.min(inputs.size(), dst.arity() - 1) : inputs.size()) : port;
        if (dst.arity() > 0) {
            Graph out = g;
            for (Edge e : g.edges()) {
                if (e.to().equals(to) && e.port() == p) {
                    out = out.withoutEdge(e);
                }
            }
            return out.withEdge(new Edge(from, to, p));
        }
        // a sum or concat takes any number of inputs: a wire dropped on a wired port joins in at that place
        // and the inputs below move down, instead of silently dropping the wire that was there
        inputs.add(Math.min(p, inputs.size()), from);
        return g.withInputs(to, inputs);
    }

    /** A path of wires from {@code a} to {@code b}, if there is one. */
    private static Optional<List<String>> pathBetween(Graph g, String a, String b) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Edge e : g.edges()) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(a));
        parent.put(a, null);
        while (!todo.isEmpty()) {
            String x = todo.poll();
            if (x.equals(b)) {
                List<String> path = new ArrayList<>();
                for (String p = b; p != null; p = parent.get(p)) {
                    path.add(0, p);
                }
                return Optional.of(path);
            }
            for (String y : out.getOrDefault(x, List.of())) {
                if (!parent.containsKey(y)) {
                    parent.put(y, x);
                    todo.add(y);
                }
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- clipboard

    /** Copies the selection with the wires between the copied nodes. */
    public void copy() {
        clipboard = fragment(selectedNodes());
        pastes = 0;
    }

    public boolean hasClipboard() {
        return !clipboard.isEmpty();
    }

    /** Pastes the clipboard shifted from its original, as one undo step; selects the pasted nodes. */
    public List<String> paste() {
        if (clipboard.isEmpty()) {
            return List.of();
        }
        pastes++;
        Pos origin = topLeft(clipboard.offsets().keySet(), originalPositions(clipboard));
        return insert(clipboard, origin.plus(PASTE_OFFSET * pastes, PASTE_OFFSET * pastes), "Paste", null);
    }

    /** Copies and pastes the selection in one step, leaving the clipboard alone. */
    public List<String> duplicate() {
        Set<String> ids = selectedNodes();
        if (ids.isEmpty()) {
            return List.of();
        }
        Fragment f = fragment(ids);
        Pos origin = topLeft(ids, state().positions());
        return insert(f, origin.plus(PASTE_OFFSET, PASTE_OFFSET), "Duplicate", null);
    }

    private Map<String, Pos> originalPositions(Fragment f) {
        Map<String, Pos> m = new LinkedHashMap<>();
        for (Node n : f.nodes()) {
            m.put(n.id(), state().positions().getOrDefault(n.id(), f.offsets().get(n.id())));
        }
        return m;
    }

    private Fragment fragment(Collection<String> ids) {
        return fragmentOf(graph(), state().positions(), ids);
    }

    /** The nodes {@code ids} with the wires between them and positions relative to their top-left. */
    static Fragment fragmentOf(Graph g, Map<String, Pos> positions, Collection<String> ids) {
        List<Node> nodes = new ArrayList<>();
        for (String id : ids) {
            nodes.add(g.node(id));
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge e : g.edges()) {
            if (ids.contains(e.from()) && ids.contains(e.to())) {
                edges.add(e);
            }
        }
        Pos origin = topLeft(ids, positions);
        Map<String, Pos> offsets = new LinkedHashMap<>();
        for (String id : ids) {
            Pos p = positions.getOrDefault(id, origin);
            offsets.put(id, new Pos(p.x() - origin.x(), p.y() - origin.y()));
        }
        return new Fragment(nodes, edges, offsets);
    }

    /** Adds a fragment with fresh ids at {@code at}; when {@code blockName} is set it becomes a sub-block. */
    private List<String> insert(Fragment f, Pos at, String verb, String blockName) {
        EditorState s = state();
        Graph g = s.graph();
        Map<String, String> rename = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(g.nodes().keySet());
        taken.addAll(s.groups().keySet());
        for (Node n : f.nodes()) {
            String id = freshId(base(n.id()), taken);
            taken.add(id);
            rename.put(n.id(), id);
        }
        Map<String, Pos> pos = new LinkedHashMap<>(s.positions());
        for (Node n : f.nodes()) {
            String id = rename.get(n.id());
            g = g.withNode(new Node(id, n.op()));
            Pos off = f.offsets().getOrDefault(n.id(), new Pos(0, 0));
            pos.put(id, place(at.plus(off.x(), off.y())));
        }
        for (Edge e : f.edges()) {
            g = g.withEdge(new Edge(rename.get(e.from()), rename.get(e.to()), e.port()));
        }
        List<String> ids = List.copyOf(rename.values());
        Map<String, BlockGroup> groups = new LinkedHashMap<>(s.groups());
        String selectId = null;
        if (blockName != null) {
            String gid = freshId(blockName.replaceAll("[^A-Za-z0-9_]", "_"), taken);
            groups.put(gid, new BlockGroup(gid, blockName, ids, place(at), true));
            selectId = gid;
        }
        String name = verb + (ids.size() == 1 ? " " + ids.get(0) : " " + ids.size() + " nodes");
        apply(name, new EditorState(g, pos, groups, s.blocks()));
        select(selectId != null ? List.of(selectId) : ids);
        return ids;
    }

    // ---------------------------------------------------------------- sub-blocks

    /**
     * Groups the selected nodes into a collapsed sub-block named {@code name} and keeps the block in the
     * design's library so it can be placed again. One undo step; returns the sub-block's id.
     */
    public Optional<String> group(String name) {
        Set<String> ids = selectedNodes();
        if (ids.isEmpty() || name == null || name.isBlank()) {
            return Optional.empty();
        }
        EditorState s = state();
        Set<String> taken = new HashSet<>(s.graph().nodes().keySet());
        taken.addAll(s.groups().keySet());
        String gid = freshId(name.trim().replaceAll("[^A-Za-z0-9_]", "_"), taken);
        Map<String, BlockGroup> groups = new LinkedHashMap<>();
        for (BlockGroup g : s.groups().values()) { // a node belongs to one sub-block at most
            List<String> left = g.members().stream().filter(m -> !ids.contains(m)).toList();
            if (!left.isEmpty()) {
                groups.put(g.id(), g.withMembers(left));
            }
        }
        groups.put(gid, new BlockGroup(gid, name.trim(), List.copyOf(ids), topLeft(ids, s.positions()), true));
        Map<String, Fragment> blocks = new LinkedHashMap<>(s.blocks());
        blocks.put(name.trim(), fragment(ids));
        apply("Group " + name.trim(), new EditorState(s.graph(), s.positions(), groups, blocks));
        select(List.of(gid));
        return Optional.of(gid);
    }

    /** Shows the nodes of sub-block {@code groupId} again (the block stays in the library). */
    public void expand(String groupId) {
        EditorState s = state();
        BlockGroup g = s.groups().get(groupId);
        if (g == null) {
            return;
        }
        Map<String, BlockGroup> groups = new LinkedHashMap<>(s.groups());
        groups.remove(groupId);
        apply("Expand " + g.name(), s.withGroups(groups));
        select(g.members());
    }

    /** Places a copy of the named block at {@code at} as a collapsed sub-block; returns the new node ids. */
    public List<String> placeBlock(String name, Pos at) {
        Fragment f = state().blocks().get(name);
        if (f == null) {
            return List.of();
        }
        return insert(f, at, "Place " + name + ":", name);
    }

    /** The external inputs and output of a sub-block: wires crossing its border. */
    public List<Edge> crossingEdges(String groupId) {
        BlockGroup g = state().groups().get(groupId);
        if (g == null) {
            return List.of();
        }
        Set<String> m = Set.copyOf(g.members());
        return graph().edges().stream().filter(e -> m.contains(e.from()) != m.contains(e.to())).toList();
    }

    // ---------------------------------------------------------------- ids

    private String freshId(String base) {
        Set<String> taken = new HashSet<>(graph().nodes().keySet());
        taken.addAll(state().groups().keySet());
        return freshId(base, taken);
    }

    private static String freshId(String base, Set<String> taken) {
        String b = base.isBlank() ? "node" : base;
        for (int i = 1; ; i++) {
            String id = b + i;
            if (!taken.contains(id)) {
                return id;
            }
        }
    }

    /** "conv12" and "conv_3" give "conv". */
    private static String base(String id) {
        String b = id.replaceAll("[_]?[0-9]+$", "");
        return b.isEmpty() ? id : b;
    }

    static Pos topLeft(Collection<String> ids, Map<String, Pos> positions) {
        double x = Double.POSITIVE_INFINITY;
        double y = Double.POSITIVE_INFINITY;
        for (String id : ids) {
            Pos p = positions.get(id);
            if (p != null) {
                x = Math.min(x, p.x());
                y = Math.min(y, p.y());
            }
        }
        return Double.isInfinite(x) ? new Pos(0, 0) : new Pos(x, y);
    }
}
