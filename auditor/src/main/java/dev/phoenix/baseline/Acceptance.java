package dev.phoenix.baseline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import dev.phoenix.model.Drift;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One baseline decision a person made: who captured or accepted what, when, and which drift
 * that accepted.
 *
 * <pre>{@code
 * new Acceptance(now, "bob", Acceptance.Action.ACCEPT, "db", Acceptance.Subject.member("db-1"), before, after, drift, "CVE fix")
 * }</pre>
 *
 * @param subject what the decision is about: one member's baseline, a provenance's golden, or a whole group
 * @param from    digest of the baseline replaced, or null when there was none
 * @param to      digest of the new baseline (null for a whole group)
 * @param drift   the facts that differed from the replaced baseline (expected = old, actual = accepted)
 */
public record Acceptance(Instant at, String by, Action action, String group, Subject subject, String from, String to,
                         List<Drift> drift, String reason) {

    public Acceptance {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(subject, "subject");
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    /** What a person did. */
    public enum Action {
        CAPTURE,
        ACCEPT;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Action parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What a decision is about; {@link #toString()} is how {@code baseline show} prints it. Stored as
     * {@code {"kind": "member", "member": "db-1"}}; logs written before subjects were typed hold the
     * printed form ({@code "member db-1"}), which is read too.
     */
    @JsonSerialize(using = SubjectWriter.class)
    @JsonDeserialize(using = SubjectReader.class)
    public sealed interface Subject permits MemberSubject, GoldenSubject, GroupSubject {

        static Subject member(String id) {
            return new MemberSubject(id);
        }

        static Subject golden(String provenance, String fromMember) {
            return new GoldenSubject(provenance, fromMember);
        }

        static Subject group(int members, int goldens) {
            return new GroupSubject(members, goldens);
        }

        /** Whether the decision concerns {@code member}: its own baseline, or a golden taken from it. */
        boolean concerns(String member);
    }

    /** A mutable host's own baseline. */
    public record MemberSubject(String member) implements Subject {
        @Override
        public boolean concerns(String id) {
            return member.equals(id);
        }

        @Override
        public String toString() {
            return "member " + member;
        }
    }

    /** The golden fingerprint of a provenance, taken from one member's state. */
    public record GoldenSubject(String provenance, String from) implements Subject {
        @Override
        public boolean concerns(String id) {
            return from.equals(id);
        }

        @Override
        public String toString() {
            return "golden " + (provenance.isEmpty() ? "(any)" : provenance) + " from " + from;
        }
    }

    /** A whole group captured at once. */
    public record GroupSubject(int members, int goldens) implements Subject {
        @Override
        public boolean concerns(String id) {
            return false;
        }

        @Override
        public String toString() {
            return "group (" + members + " members, " + goldens + " golden fingerprints)";
        }
    }

    /** Writes a subject as {@code {"kind": ..., <its fields>}}. */
    static final class SubjectWriter extends StdSerializer<Subject> {
        private static final long serialVersionUID = 1L;

        SubjectWriter() {
            super(Subject.class);
        }

        @Override
        public void serialize(Subject subject, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            if (subject instanceof MemberSubject m) {
                g.writeStringField("kind", "member");
                g.writeStringField("member", m.member());
            } else if (subject instanceof GoldenSubject golden) {
                g.writeStringField("kind", "golden");
                g.writeStringField("provenance", golden.provenance());
                g.writeStringField("from", golden.from());
            } else if (subject instanceof GroupSubject group) {
                g.writeStringField("kind", "group");
                g.writeNumberField("members", group.members());
                g.writeNumberField("goldens", group.goldens());
            }
            g.writeEndObject();
        }
    }

    /** Reads a subject stored as an object (kind and fields) or, from older logs, as its printed form. */
    static final class SubjectReader extends StdDeserializer<Subject> {
        private static final long serialVersionUID = 1L;
        private static final java.util.regex.Pattern GOLDEN = java.util.regex.Pattern.compile("golden (.*) from (.*)");
        private static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("group \\((\\d+) members, (\\d+) golden fingerprints\\)");

        SubjectReader() {
            super(Subject.class);
        }

        @Override
        public Subject deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return parse(p.getText(), p);
            }
            JsonNode node = p.readValueAsTree();
            String kind = node.path("kind").asText();
            return switch (kind) {
                case "member" -> new MemberSubject(node.path("member").asText());
                case "golden" -> new GoldenSubject(node.path("provenance").asText(), node.path("from").asText());
                case "group" -> new GroupSubject(node.path("members").asInt(), node.path("goldens").asInt());
                default -> throw new com.fasterxml.jackson.databind.JsonMappingException(p, "unknown subject kind '" + kind + "'");
            };
        }

        private static Subject parse(String text, JsonParser p) throws IOException {
            if (text.startsWith("member ")) {
                return new MemberSubject(text.substring("member ".length()));
            }
            java.util.regex.Matcher golden = GOLDEN.matcher(text);
            if (golden.matches()) {
                return new GoldenSubject(golden.group(1).equals("(any)") ? "" : golden.group(1), golden.group(2));
            }
            java.util.regex.Matcher group = GROUP.matcher(text);
            if (group.matches()) {
                return new GroupSubject(Integer.parseInt(group.group(1)), Integer.parseInt(group.group(2)));
            }
            throw new com.fasterxml.jackson.databind.JsonMappingException(p, "unreadable subject '" + text + "'");
        }
    }
}
