package dev.phoenix.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Extension points registered by name through {@code META-INF/services}.
 *
 * <p>A duplicate name fails at start-up; an unknown name lists the valid ones:
 *
 * <pre>{@code
 * Registry<ProbeFactory> probes = Registry.load(ProbeFactory.class, "probe");
 * ProbeFactory http = probes.get("http", "groups[0].probes[1]");
 * }</pre>
 */
public final class Registry<T extends Named> {

    private final String kind;
    private final Map<String, T> byName;

    private Registry(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Loads every implementation of {@code type} on the class path. */
    public static <T extends Named> Registry<T> load(Class<T> type, String kind) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, Registry.class.getClassLoader()).forEach(found::add);
        return of(kind, found);
    }

    /** A registry of the given implementations; fails on a duplicate name. */
    public static <T extends Named> Registry<T> of(String kind, Collection<? extends T> items) {
        Map<String, T> byName = new TreeMap<>();
        for (T item : items) {
            T previous = byName.putIfAbsent(item.name(), item);
            if (previous != null) {
                throw new IllegalStateException("duplicate " + kind + " name '" + item.name() + "': "
                        + previous.getClass().getName() + " and " + item.getClass().getName());
            }
        }
        return new Registry<>(kind, byName);
    }

    /**
     * The implementation registered under {@code name}.
     *
     * @param path config path to blame when the name is unknown
     * @throws ConfigException naming the valid choices and the closest one
     */
    public T get(String name, String path) {
        T item = byName.get(name);
        if (item == null) {
            throw new ConfigException(path, "unknown " + kind + " '" + name + "'"
                    + Suggest.didYouMean(name, byName.keySet()) + "; valid: " + String.join(", ", byName.keySet()));
        }
        return item;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Collection<String> names() {
        return byName.keySet();
    }

    public Collection<T> all() {
        return byName.values();
    }
}
