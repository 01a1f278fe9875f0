package dev.phoenix.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.phoenix.spi.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML (or JSON) document as plain Java values, with the line and column of every key, so
 * that an error about {@code groups[1].probes[0].http.url} can name its line.
 *
 * <pre>{@code
 * YamlTree tree = YamlTree.parse(reader);
 * tree.locate("groups[0].source")   // "12:5"
 * }</pre>
 */
public final class YamlTree {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final Object root;
    private final Map<String, JsonLocation> locations;

    private YamlTree(Object root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    /** Parses a document; a syntax error becomes a {@link ConfigFileException} naming file, line and column. */
    public static YamlTree parse(Reader reader, java.nio.file.Path file) {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlTree(null, locations);
            }
            Object root = read(parser, "", locations);
            return new YamlTree(root, locations);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigFileException(file, where, "", "YAML syntax error: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (DuplicateKey e) {
            throw new ConfigFileException(file, e.location, e.path(), e.getMessage());
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

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : path.substring(0, cut);
    }

    /** A key given twice in one map: YAML parsers keep the last silently, which would hide a mistake. */
    private static final class DuplicateKey extends ConfigException {
        private static final long serialVersionUID = 1L;
        private final String location;

        DuplicateKey(String path, String location, String key) {
            super(path, "duplicate key '" + key + "'");
            this.location = location;
        }
    }

    private static Object read(JsonParser p, String path, Map<String, JsonLocation> locations) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (map.containsKey(key)) {
                        JsonLocation at = p.currentTokenLocation();
                        throw new DuplicateKey(child, at.getLineNr() + ":" + at.getColumnNr(), key);
                    }
                    locations.put(child, p.currentTokenLocation());
                    p.nextToken();
                    map.put(key, read(p, child, locations));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    locations.put(child, p.currentTokenLocation());
                    list.add(read(p, child, locations));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new ConfigException(path, "unsupported YAML token " + token);
        }
    }
}
