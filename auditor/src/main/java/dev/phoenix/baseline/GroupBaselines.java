package dev.phoenix.baseline;

import dev.phoenix.model.Fingerprint;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The baselines of one group, kept in one document: per-member baselines (mutable hosts),
 * golden fingerprints per provenance (immutable members), and each distinct fingerprint's
 * facts once, however many members share it.
 *
 * <p>Not thread-safe: one audit owns a group's baselines at a time.
 */
public final class GroupBaselines {

    private final String group;
    private final Map<String, BaselineEntry> members;
    private final Map<String, BaselineEntry> goldens;
    private final Map<String, Fingerprint> fingerprints;
    private String currentProvenance;
    private boolean dirty;

    public GroupBaselines(String group, Map<String, BaselineEntry> members, Map<String, BaselineEntry> goldens,
                          Map<String, Fingerprint> fingerprints, String currentProvenance) {
        this.group = group;
        this.members = new TreeMap<>(members);
        this.goldens = new TreeMap<>(goldens);
        this.fingerprints = new LinkedHashMap<>(fingerprints);
        this.currentProvenance = currentProvenance;
    }

    public static GroupBaselines empty(String group) {
        return new GroupBaselines(group, Map.of(), Map.of(), Map.of(), null);
    }

    public String group() {
        return group;
    }

    /** The baseline of a member and its fingerprint. */
    public Optional<Captured> member(String id) {
        BaselineEntry e = members.get(id);
        return e == null ? Optional.empty() : Optional.of(new Captured(e, fingerprints.get(e.digest())));
    }

    /** The golden fingerprint of the group at {@code provenance}. */
    public Optional<Captured> golden(String provenance) {
        BaselineEntry e = goldens.get(provenance);
        return e == null ? Optional.empty() : Optional.of(new Captured(e, fingerprints.get(e.digest())));
    }

    public void putMember(String id, Fingerprint fp, String provenance, Instant at, String by, String reason) {
        fingerprints.putIfAbsent(fp.digest(), fp);
        members.put(id, new BaselineEntry(fp.digest(), provenance, at, by, reason));
        dirty = true;
    }

    public void putGolden(Fingerprint fp, String provenance, Instant at, String by, String reason) {
        fingerprints.putIfAbsent(fp.digest(), fp);
        goldens.put(provenance, new BaselineEntry(fp.digest(), provenance, at, by, reason));
        dirty = true;
    }

    /** The provenance most of the group's immutable members had at the last audit, or null. */
    public String currentProvenance() {
        return currentProvenance;
    }

    public void currentProvenance(String provenance) {
        if (!java.util.Objects.equals(provenance, currentProvenance)) {
            currentProvenance = provenance;
            dirty = true;
        }
    }

    public Map<String, BaselineEntry> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    public Map<String, BaselineEntry> goldens() {
        return java.util.Collections.unmodifiableMap(goldens);
    }

    /** Fingerprints still referenced by a member or golden. */
    public Map<String, Fingerprint> fingerprints() {
        Set<String> used = new HashSet<>();
        members.values().forEach(e -> used.add(e.digest()));
        goldens.values().forEach(e -> used.add(e.digest()));
        Map<String, Fingerprint> out = new LinkedHashMap<>();
        fingerprints.forEach((d, fp) -> {
            if (used.contains(d)) {
                out.put(d, fp);
            }
        });
        return out;
    }

    /** Whether anything changed since loading. */
    public boolean dirty() {
        return dirty;
    }

    public void markClean() {
        dirty = false;
    }

    /** A baseline entry with its fingerprint. */
    public record Captured(BaselineEntry entry, Fingerprint fingerprint) {
    }
}
