package dev.phoenix.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.phoenix.spi.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A YAML (or JSON) document as plain Java values, with the line and column of every key, so
 * that an error about {@code groups[1].probes[0].http.url} can name its line.
 *
 * <pre>{@code
 * YamlTree tree = YamlTree.parse(text, Path.of("phoenix.yaml"));
 * tree.locate("groups[0].source")   // "12:5"
 * }</pre>
 *
 * What YAML parsers tend to accept silently is refused here, each with its line: an alias
 * ({@code *name}) resolves to its anchored value, an undefined one is an error (never the
 * string {@code "name"}); a second document, a custom tag ({@code !foo}), a merge key
 * ({@code <<}), a key given twice and nesting deeper than {@value #MAX_DEPTH} levels are errors.
 * Aliases may expand the document to at most {@value #MAX_NODES} values (no "billion laughs").
 * A syntax error keeps the parser's explanation: what it was parsing, where that started, and what
 * it expected and found.
 */
public final class YamlTree {

    /** Deepest nesting of maps and lists. */
    public static final int MAX_DEPTH = 64;
    /** Most values in a document, counting each alias as the values it stands for. */
    public static final int MAX_NODES = 1_000_000;

    private static final AnchoringFactory YAML = new AnchoringFactory();
    /** The tags of plain YAML values, as Jackson reports them; any other tag is refused. */
    private static final Set<String> STANDARD_TAGS = Set.of("", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq");

    /** What YAML does not allow in a document, even quoted (YAML 1.1 "printable" set). */
    private static final java.util.regex.Pattern NOT_PRINTABLE = java.util.regex.Pattern.compile(
            "[^\\t\\n\\r\\x20-\\x7e\\x85\\xa0-\\ud7ff\\ue000-\\ufffd\\x{10000}-\\x{10ffff}]");

    private final Object root;
    private final Map<String, JsonLocation> locations;

    private YamlTree(Object root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    /** Parses a document; an error becomes a {@link ConfigFileException} naming file, line and column. */
    public static YamlTree parse(Reader reader, Path file) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ConfigFileException(file, "", "", "cannot read: " + e.getMessage());
        }
        return parse(text.toString(), file);
    }

    /** Parses a document; an error becomes a {@link ConfigFileException} naming file, line and column. */
    public static YamlTree parse(String text, Path file) {
        Builder builder = new Builder();
        try {
            return new YamlTree(builder.document(text), builder.locations);
        } catch (Refusal e) {
            throw new ConfigFileException(file, e.location, e.path(), e.getMessage());
        } catch (JsonProcessingException e) {
            throw syntaxError(file, text, builder, e);
        } catch (IOException e) {
            throw new ConfigFileException(file, "", "", "cannot read: " + e.getMessage());
        }
    }

    public Object root() {
        return root;
    }

    /**
     * {@code line:column} of {@code path}, or of its nearest ancestor that has a location;
     * empty when nothing matches (the document as a whole).
     */
    public String locate(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            JsonLocation at = locations.get(p);
            if (at != null) {
                return at.getLineNr() + ":" + at.getColumnNr();
            }
            p = parent(p);
        }
        return "";
    }

    /**
     * The key written last at or before {@code line:column} of {@code text} (1-based), to say where an
     * error that has no key of its own (a syntax error, a byte that is not UTF-8) is; empty when none.
     * Parses as much of {@code text} as it can.
     */
    public static String keyBefore(String text, int line, int column) {
        Builder builder = new Builder();
        try {
            builder.document(text);
        } catch (IOException | RuntimeException e) {
            // the keys read up to the error are what we need
        }
        return builder.keyBefore(line, column);
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : path.substring(0, cut);
    }

    private static ConfigFileException syntaxError(Path file, String text, Builder builder, JsonProcessingException e) {
        Throwable cause = e.getCause();
        int line;
        int column;
        String explanation;
        if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark problem = marked.getProblemMark();
            line = problem.getLine() + 1;
            column = problem.getColumn() + 1;
            Mark context = marked.getContextMark();
            explanation = firstLine(marked.getProblem())
                    + (marked.getContext() == null ? "" : " (" + firstLine(marked.getContext())
                    + (context == null ? "" : " that starts at " + (context.getLine() + 1) + ":" + (context.getColumn() + 1)) + ")");
        } else if (cause instanceof ReaderException unreadable) {
            int[] at = lineAndColumn(text, unreadable.getPosition());
            line = at[0];
            column = at[1];
            explanation = "character U+" + String.format("%04X", unreadable.getCodePoint()) + " is not allowed in YAML"
                    + " (control characters must be escaped in a double-quoted string)";
        } else {
            JsonLocation at = e.getLocation();
            line = at == null ? 0 : at.getLineNr();
            column = at == null ? 0 : at.getColumnNr();
            explanation = firstLine(e.getOriginalMessage());
        }
        // characters YAML refuses stop the parser before the first key: look for keys without them
        String key = cause instanceof ReaderException ? keyBefore(NOT_PRINTABLE.matcher(text).replaceAll(" "), line, column)
                : builder.keyBefore(line, column);
        return new ConfigFileException(file, line > 0 ? line + ":" + column : "", "",
                "YAML syntax error" + (key.isEmpty() ? "" : " after " + key) + ": " + explanation);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }

    /** 1-based line and column of a character offset. */
    static int[] lineAndColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** A document Phoenix refuses although it parses (an undefined alias, a custom tag, a second document). */
    private static final class Refusal extends ConfigException {
        private static final long serialVersionUID = 1L;
        private final String location;

        Refusal(String path, JsonLocation at, String message) {
            super(path, message);
            this.location = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr();
        }
    }

    /**
     * Jackson's YAML parser, telling the anchor of every value: its own {@code getCurrentAnchor()}
     * forgets the anchor of a scalar in a map ({@code store: &s state}).
     */
    private static final class AnchoringParser extends YAMLParser {
        AnchoringParser(com.fasterxml.jackson.core.io.IOContext ctxt, int parserFeatures, int formatFeatures,
                        org.yaml.snakeyaml.LoaderOptions options, com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
        }

        /** The anchor ({@code &name}) of the value just read, or null. */
        String anchor() {
            return _lastTagEvent instanceof org.yaml.snakeyaml.events.NodeEvent node ? node.getAnchor() : getCurrentAnchor();
        }
    }

    /** Creates {@link AnchoringParser}s. */
    private static final class AnchoringFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected YAMLParser _createParser(Reader r, com.fasterxml.jackson.core.io.IOContext ctxt) {
            return new AnchoringParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    /** A value with an anchor ({@code &name}), and how many values it stands for. */
    private record Anchored(Object value, int size) {
    }

    /** Reads one document's tokens into maps, lists and scalars, recording where each key is. */
    private static final class Builder {
        final Map<String, JsonLocation> locations = new HashMap<>();
        private final Map<String, Anchored> anchors = new HashMap<>();
        private final Set<String> open = new HashSet<>();
        private int nodes;
        private AnchoringParser p;

        Object document(String text) throws IOException {
            try (AnchoringParser parser = (AnchoringParser) YAML.createParser(new StringReader(text))) {
                p = parser;
                if (p.nextToken() == null) {
                    return null;
                }
                Object root = read("", 0);
                if (p.nextToken() != null) {
                    throw new Refusal("", p.currentTokenLocation(), "a second YAML document ('---') is not supported: "
                            + "a config file holds one document");
                }
                return root;
            }
        }

        String keyBefore(int line, int column) {
            String best = "";
            long bestAt = -1;
            long limit = (long) line << 32 | column;
            for (Map.Entry<String, JsonLocation> e : locations.entrySet()) {
                long at = (long) e.getValue().getLineNr() << 32 | e.getValue().getColumnNr();
                if (at <= limit && (at > bestAt || at == bestAt && e.getKey().length() > best.length())) {
                    best = e.getKey();
                    bestAt = at;
                }
            }
            return best;
        }

        private Object read(String path, int depth) throws IOException {
            JsonToken token = p.currentToken();
            JsonLocation at = p.currentTokenLocation();
            if (p.isCurrentAlias()) {
                return alias(path, at);
            }
            checkTag(path, at);
            if (++nodes > MAX_NODES) {
                throw new Refusal(path, at, "the document has more than " + MAX_NODES + " values");
            }
            String anchor = p.anchor();
            int before = nodes;
            if (anchor != null) {
                open.add(anchor);
            }
            Object value = switch (token) {
                case START_OBJECT -> map(path, depth, at);
                case START_ARRAY -> list(path, depth, at);
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getNumberValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new Refusal(path, at, "not a plain YAML value (a map, a list, text, a number or true/false)");
            };
            if (anchor != null) {
                open.remove(anchor);
                anchors.put(anchor, new Anchored(value, nodes - before + 1));
            }
            return value;
        }

        private Map<String, Object> map(String path, int depth, JsonLocation at) throws IOException {
            if (depth >= MAX_DEPTH) {
                throw new Refusal(path, at, "nested deeper than " + MAX_DEPTH + " levels");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String child = path.isEmpty() ? key : path + "." + key;
                JsonLocation keyAt = p.currentTokenLocation();
                if (p.isCurrentAlias()) {
                    throw new Refusal(path, keyAt, "an alias (*" + key + ") cannot be a key");
                }
                checkTag(child, keyAt);
                if (key.equals("<<")) {
                    throw new Refusal(child, keyAt, "merge keys ('<<: *anchor') are not supported; "
                            + "write the keys out, or alias the whole value");
                }
                if (map.containsKey(key)) {
                    throw new Refusal(child, keyAt, "duplicate key '" + key + "'");
                }
                locations.put(child, keyAt);
                p.nextToken();
                map.put(key, read(child, depth + 1));
            }
            return map;
        }

        private List<Object> list(String path, int depth, JsonLocation at) throws IOException {
            if (depth >= MAX_DEPTH) {
                throw new Refusal(path, at, "nested deeper than " + MAX_DEPTH + " levels");
            }
            List<Object> list = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + i++ + "]";
                locations.put(child, p.currentTokenLocation());
                list.add(read(child, depth + 1));
            }
            return list;
        }

        private Object alias(String path, JsonLocation at) throws IOException {
            String name = p.getText();
            Anchored anchored = anchors.get(name);
            if (anchored == null) {
                throw new Refusal(path, at, open.contains(name)
                        ? "alias *" + name + " refers to the value it is part of"
                        : "undefined alias *" + name + " (no anchor &" + name + " before it)");
            }
            nodes += anchored.size();
            if (nodes > MAX_NODES) {
                throw new Refusal(path, at, "aliases expand the document to more than " + MAX_NODES + " values");
            }
            return anchored.value();
        }

        private void checkTag(String path, JsonLocation at) throws IOException {
            String tag = p.getTypeId();
            if (tag != null && !STANDARD_TAGS.contains(tag)) {
                throw new Refusal(path, at, "unsupported YAML tag '!" + tag.replaceFirst("^tag:yaml.org,2002:", "!")
                        + "': a config holds plain maps, lists, text, numbers and true/false");
            }
        }
    }
}
